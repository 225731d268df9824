/** `maxnvm size` as a library: storage choices → bits, cells, eNVM area, overheads, budget fit, ratios to dense SLC. */
export { sizeChoices, DENSE_SLC_BITS_PER_WEIGHT, type ChoiceSizing, type SizeOptions, type SizingReport, type SizingRun, type StreamSizing } from './size-choices.js';
export { storedArea, sizingEnvmParams, type StoredArea, type SubArrayArea } from './stored-area.js';
export { budgetFit, type BudgetFit, type SizingBudget } from './budget.js';
export { loadChoicesFile, checkUniqueLabels, storageChoicesFileSchema } from './choices-file.js';
export { validateSizingEntry, type SizingEntry } from './sizing-entry.js';
export { inlineChoice, hasInlineChoice, defaultEccStreams, flagForChoicePath, INLINE_CHOICE_FLAGS, DEFAULT_INLINE_BITS_PER_CELL, type InlineChoiceFlags } from './inline-choice.js';
export { parseTechnology, checkTechnologyCovers, DEFAULT_SIZING_TECHNOLOGY } from './technology.js';
export { defaultLabel, describeChoice, secdedName } from './choice-label.js';
export { sizingTable, choiceTable, summaryTable } from './size-table.js';
export { sizingCsv, sizingLayersCsv } from './size-csv.js';
