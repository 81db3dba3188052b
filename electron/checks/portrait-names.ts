// How findings name the portraits, in the checks' texts and in the face analysis's quality problems alike.
import type { PortraitKind } from '../contract/face.contract';

const NAMES: Record<PortraitKind, string> = { printed: 'printed portrait', ghost: 'ghost image', live: 'live capture', chip: 'chip portrait' };

export function portraitName(kind: PortraitKind): string {
  return NAMES[kind];
}
