// Generic checks: run for every document, identified or not (ICAO 9303 Part 2 recommends them
// as the minimum inspection of any travel document). They are registered in ../check-registry.ts.
export { decodeCaptureImages } from './decode-capture';
export { shutdownVizOcr } from './viz-ocr';
export { mrzB900Check, runMrzB900, B900_FAIL_RATIO, B900_WARN_RATIO } from './mrz-b900.check';
export { uvDullnessCheck, runUvDullness, UV_FAIL_LEVEL, UV_WARN_LEVEL } from './uv-dullness.check';
export { mrzGeometryCheck, runMrzGeometry, measureMrzGeometry, type MrzGeometryMeasure } from './mrz-geometry.check';
export { vizMrzConsistencyCheck, runVizMrzConsistency } from './viz-mrz-consistency.check';
export { findPage, findCapturePage, type PageArea } from './page-area';
