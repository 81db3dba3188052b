// Errors cross process boundaries as { kind, message } with a closed set of kinds per domain.
export type ErrorKind =
  | 'InvalidInput'
  | 'UnsupportedImage'
  | 'ImageTooLarge'
  | 'NotFound'
  | 'UnknownLayout'
  | 'OcrFailed'
  | 'NotSignedIn'
  | 'DeviceError'
  | 'Busy'
  | 'Internal';

export interface ErrorDto {
  kind: ErrorKind;
  message: string;
}
