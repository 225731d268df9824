export { EnvmWeightSource, type EnvmWeightSourceOptions } from './envm-weight-source.js';
export { weightPathSpec, CBUF_FORMATS, type CbufFormat, type WeightPathParams } from './spec.js';
export { shareOf, streamReads, SHARED_STREAMS, type StreamRange, type StreamRangeFn, type StreamRead } from './kernel-share.js';
export { stageTiming, mergeTimings, type StreamTiming } from './pipeline-timing.js';
export { cbufBytesOf } from './cbuf-size.js';
