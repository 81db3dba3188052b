// Document identification and page alignment.
export { identifyDocument, isUnknown, IDENTIFICATION_THRESHOLD, type Candidate, type CandidateScore, type UnknownDocument } from './identify-document';
export { alignToReference, type Alignment, type AlignOptions, type AlignMethod } from './align';
export { decodeLightImage, lightImageFromRgb, rgbToGrey } from '../imaging/light-image';
export { conformReference, classFrame, personalBoxes } from './reference-frame';
export { mapBox } from './frame-sample';
export { applyH, invertH, multiplyH, fitHomography, cornerError, type Homography } from './homography';
