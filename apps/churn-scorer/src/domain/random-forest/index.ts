export { trainForest, prepareTraining, withParameters, growForestTree, assembleForest } from './train-forest';
export type { TrainingData, PreparedTraining, GrownForestTree, TrainedForest, OutOfBagEstimate } from './train-forest';
export { predictProba, predictBatch, contributions, packTrees, treeCount, type FlatForest } from './flat-forest';
export { compileForest, walkRow, type CompiledForest } from './compiled-forest';
export { createBlockWalker, type BlockWalker } from './block-walk';
export { DEFAULT_FOREST_PARAMETERS, resolveParameters, featuresPerSplit } from './forest-parameters';
export type { ForestParameters, MaxFeatures, ClassWeight } from './forest-parameters';
export type { SplitCriterion } from './tree-builder';
export { selectMinSamplesLeaf, leafSizeCandidates, leafSizeTrial, pickLeafSize, TRIAL_TREES, type LeafSizeSelection, type LeafSizeTrial } from './select-leaf-size';
