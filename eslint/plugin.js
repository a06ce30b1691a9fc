/** Berth's own lint rules, as one plugin: the dependency graph between layers, and where unit tests live. */
import { layersRule } from './importLayers.js';
import { unitTestPathsRule } from './unitTestPaths.js';

export default { rules: { layers: layersRule, 'unit-test-paths': unitTestPathsRule } };
