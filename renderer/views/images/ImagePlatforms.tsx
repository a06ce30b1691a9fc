/**
 * The platform images inside one image on the containerd store (a multi-platform index, or one manifest):
 * each platform with its digest, content and unpacked sizes and the containers running it. Attestation
 * manifests (BuildKit's provenance and SBOM) are not images to run, so they are only counted.
 */
import type { PlatformImage } from '../../../contract/images';
import { formatBytes, shortId } from '../../common/format';

export function ImagePlatforms({ platforms, attestations }: { platforms: PlatformImage[]; attestations: number }) {
  return (
    <section className="card layers" data-testid="image-platforms-card">
      <h2>
        Platforms ({platforms.length})
        {attestations > 0 && (
          <span className="muted" data-testid="image-attestations">
            {' '}
            · {attestations} attestation manifest{attestations === 1 ? '' : 's'} not shown
          </span>
        )}
      </h2>
      <table>
        <thead>
          <tr>
            <th>Platform</th>
            <th className="num">Content</th>
            <th className="num">Unpacked</th>
            <th>Manifest</th>
            <th className="num">Containers</th>
          </tr>
        </thead>
        <tbody>
          {platforms.map((p) => (
            <tr key={p.digest} className={p.available ? undefined : 'empty-layer'} data-testid="image-platform">
              <td className="mono">
                {p.platform}
                {!p.available && <span className="muted"> (not pulled)</span>}
              </td>
              <td className="num">{formatBytes(p.contentSize)}</td>
              <td className="num">{formatBytes(p.unpackedSize)}</td>
              <td className="mono" title={p.digest}>
                {shortId(p.digest)}
              </td>
              <td className="num">{p.containers || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
