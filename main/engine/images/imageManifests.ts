/**
 * Reading the containerd image store's view of an image (Engine 29's default): the `Manifests` an image
 * list or inspect carries with `manifests=1` — one per platform image, plus attestation manifests (BuildKit's
 * provenance and SBOM) which are counted but never shown as platforms — and the `Identity` that says whether
 * the image was built here or pulled, and from where. The classic store has none of this: every function
 * answers `undefined` for it, so the contract's optional fields stay absent.
 */
import type { PlatformImage } from '../../../contract/images';

/** One entry of `Manifests` (API 1.47+). */
export interface ManifestSummary {
  ID: string;
  Descriptor?: { digest?: string; platform?: Platform };
  Available?: boolean;
  Size?: { Content?: number; Total?: number };
  Kind?: string;
  ImageData?: { Platform?: Platform; Size?: { Unpacked?: number }; Containers?: string[] | null };
}

interface Platform {
  os?: string;
  architecture?: string;
  variant?: string;
}

/** `Identity` of an image inspect (API 1.48+). */
export interface ImageIdentity {
  Build?: Array<{ Ref?: string }>;
  Pull?: Array<{ Repository?: string }>;
}

export const platformName = (p: Platform | undefined): string =>
  [p?.os || 'unknown', p?.architecture || 'unknown', p?.variant].filter(Boolean).join('/');

const imagesOf = (manifests: ManifestSummary[]) => manifests.filter((m) => m.Kind === 'image');

/** The list fields: the platforms present locally and the content / unpacked split of the size. */
export function manifestSizes(
  manifests: ManifestSummary[] | null | undefined,
): { platforms: string[]; contentSize: number; unpackedSize: number } | undefined {
  if (!manifests) return undefined;
  const available = manifests.filter((m) => m.Available !== false);
  return {
    platforms: imagesOf(available).map((m) => platformName(m.ImageData?.Platform ?? m.Descriptor?.platform)),
    // Attestations are content too: they take space in the store even though they are not shown.
    contentSize: available.reduce((sum, m) => sum + (m.Size?.Content ?? 0), 0),
    unpackedSize: imagesOf(available).reduce((sum, m) => sum + (m.ImageData?.Size?.Unpacked ?? 0), 0),
  };
}

/** The detail fields: each platform image, and how many attestation manifests were left out. */
export function platformImages(
  manifests: ManifestSummary[] | null | undefined,
): { platforms: PlatformImage[]; attestations: number } | undefined {
  if (!manifests) return undefined;
  return {
    platforms: imagesOf(manifests).map((m) => ({
      platform: platformName(m.ImageData?.Platform ?? m.Descriptor?.platform),
      digest: m.Descriptor?.digest ?? m.ID,
      available: m.Available !== false,
      contentSize: m.Size?.Content ?? 0,
      unpackedSize: m.ImageData?.Size?.Unpacked ?? 0,
      containers: m.ImageData?.Containers?.length ?? 0,
    })),
    attestations: manifests.filter((m) => m.Kind === 'attestation').length,
  };
}

/** Built here and/or pulled from these repositories, per the engine's record; undefined on the classic store. */
export function imageOrigin(
  identity: ImageIdentity | null | undefined,
): { built: boolean; pulledFrom: string[] } | undefined {
  if (!identity) return undefined;
  const pulledFrom = (identity.Pull ?? []).flatMap((p) => (p.Repository ? [p.Repository] : []));
  return { built: (identity.Build ?? []).length > 0, pulledFrom: [...new Set(pulledFrom)] };
}
