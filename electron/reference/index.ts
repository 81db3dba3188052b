// Public API of the reference library.
export { openReferenceLibrary, documentCodeMatches, ReferenceLibrary, type CandidateQuery, type CheckedCandidates, type ClassSummary, type ImageHealth, type LibraryOptions, type LibraryProblem, type LoadedClass } from './reference-library';
export { exportPackage, importPackage, checkEntryPath, type ExportResult, type ImportResult, type SignerLookup } from './reference-package';
export { encodePackage, signPackage, decodePackage, PACKAGE_FORMAT, SIGNATURE_FORMAT, MAX_PACKAGE_BYTES, MAX_SIGNATURE_BYTES } from './package-format';
export { builtinReferenceDir, userReferenceDir } from './library-paths';
export { checkClassImages, checkReferenceImage, classLights, expectedImageSize, SIZE_TOLERANCE_MM } from './reference-images';
export { calibratedBound } from './calibrated-bounds';
