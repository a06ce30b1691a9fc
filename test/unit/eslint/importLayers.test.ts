/**
 * Proves the dependency graph bites: scratch files with a deliberately wrong import, linted with the
 * repository's own eslint.config.js, fail with `berth/layers` and a message that says what is allowed; the
 * same files with allowed imports pass.
 */
import { describe, expect, it } from 'vitest';
import { lintMessages } from '../../helpers/lintScratch';

/** The `berth/layers` messages for a scratch file at `path` (it need not exist) holding `code`. */
const layerErrors = (path: string, code: string) => lintMessages('berth/layers', path, code);

describe('the dependency graph (berth/layers)', { timeout: 60_000 }, () => {
  it('stops a domain from reaching into another domain, naming what it may import', async () => {
    const errors = await layerErrors(
      'main/compose/scratch.ts',
      "import { EngineConnection } from '../engine/connection';\nexport const x = EngineConnection;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining(
        'main/compose/ may import contract/, main/common/, main/tasks/taskManager.ts, main/compose/ ' +
          '(and the types of main/services.ts); not main/engine/connection.',
      ),
    ]);
    expect(
      await layerErrors(
        'main/compose/scratch.ts',
        "import type { Services } from '../services';\nimport { toApiError } from '../common/toApiError';\n" +
          'export const x = (s: Services) => [s, toApiError];\n',
      ),
    ).toEqual([]);
  });

  it('lets a domain take its services as types only', async () => {
    expect(
      await layerErrors(
        'main/kube/scratch.ts',
        "import { webShell } from '../services';\nexport const x = webShell;\n",
      ),
    ).toEqual([expect.stringContaining('may import main/services for its types only')]);
  });

  it('keeps common below the domains, and ipc and desktop to the entry points', async () => {
    expect(
      await layerErrors(
        'main/common/scratch.ts',
        "import { x } from '../engine/liveCollection';\nexport const y = x;\n",
      ),
    ).toEqual([
      expect.stringContaining('main/common/ may import contract/, main/common/; not main/engine/liveCollection'),
    ]);
    expect(
      await layerErrors(
        'main/desktop/scratch.ts',
        "import { startWebBridge } from '../ipc/webBridge';\nexport const y = startWebBridge;\n",
      ),
    ).toEqual([
      expect.stringContaining(
        'main/desktop/ may import contract/, main/common/, main/desktop/; not main/ipc/webBridge',
      ),
    ]);
    expect(
      await layerErrors(
        'main/web.ts',
        "import { startWebBridge } from './ipc/webBridge';\nexport const y = startWebBridge;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the contract free of Berth and of everything but zod', async () => {
    const errors = await layerErrors(
      'contract/scratch.ts',
      "import { readFileSync } from 'node:fs';\nimport { api } from '../renderer/api';\nexport const x = [readFileSync, api];\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('contract/ may not import the package node:fs; it may use zod only'),
      expect.stringContaining('contract/ may import contract/; not renderer/api'),
    ]);
  });

  it("keeps the schemas (zod) off the renderer shell's first paint: values from the two schema-free contract modules only", async () => {
    expect(
      await layerErrors(
        'renderer/api/scratch.ts',
        "import { ClientMessage } from '../../contract/protocol';\nimport { ApiError } from '../../contract/apiError';\n" +
          "import { FIRST_MESSAGES_PARAM, type BridgePort } from '../../contract/bridge';\n" +
          'export const x = [ClientMessage, ApiError, FIRST_MESSAGES_PARAM] as unknown as BridgePort;\n',
      ),
    ).toEqual(['renderer/api/ may import contract/protocol for its types only: write `import type`.']);
    expect(
      await layerErrors(
        'renderer/views/scratch/Scratch.tsx',
        "import { ContainerSummary } from '../../../contract/containers';\nexport const x = ContainerSummary;\n",
      ),
    ).toEqual([]);
    expect(await layerErrors('contract/apiError.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([
      expect.stringContaining('contract/apiError may not import the package zod'),
    ]);
  });

  it('keeps the renderer off main and Node, and components and stores below views', async () => {
    expect(
      await layerErrors(
        'renderer/views/scratch/Scratch.tsx',
        "import { createBackend } from '../../../main/backend';\nimport { join } from 'node:path';\nexport const x = [createBackend, join];\n",
      ),
    ).toEqual([
      expect.stringContaining('not main/backend'),
      expect.stringContaining('renderer/views/ may not import the package node:path'),
    ]);
    expect(
      await layerErrors(
        'renderer/components/Scratch.tsx',
        "import { ImagesView } from '../views/images/ImagesView';\nexport const x = ImagesView;\n",
      ),
    ).toEqual([
      expect.stringContaining(
        'renderer/components/ may import contract/apiError.ts, contract/bridge.ts, renderer/common/, renderer/api/, ' +
          'renderer/stores/, renderer/components/ (and the types of contract/); not renderer/views/images/ImagesView',
      ),
    ]);
    expect(
      await layerErrors(
        'renderer/stores/scratch.ts',
        "import { Modal } from '../components/Modal';\nexport const x = Modal;\n",
      ),
    ).toEqual([expect.stringContaining('not renderer/components/Modal')]);
    expect(
      await layerErrors(
        'renderer/views/scratch/Scratch.tsx',
        "import { api } from '../../api';\nimport { useNav } from '../../stores/navStore';\nimport { Modal } from '../../components/Modal';\nexport const x = [api, useNav, Modal];\n",
      ),
    ).toEqual([]);
  });

  it('asks a new file directly in main/ to find its folder', async () => {
    expect(await layerErrors('main/scratch.ts', 'export const x = 1;\n')).toEqual([
      expect.stringContaining('main/scratch.ts is in no layer of the dependency graph'),
    ]);
  });
});
