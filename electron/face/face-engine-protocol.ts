// Messages between the face engine client and its worker thread. Pixels travel as transferred
// buffers (no copy); results are plain numbers so they survive structured cloning.

export interface EngineRequest {
  id: number;
  /** Interleaved 8-bit RGB. */
  rgb: Uint8Array;
  width: number;
  height: number;
  maxFaces: number;
}

export interface DetectedFace {
  box: { x: number; y: number; w: number; h: number };
  score: number;
  /** 68 landmark points (x, y) in image pixels (iBUG 300-W order: 36–41 one eye, 42–47 the other). */
  landmarks: [number, number][];
  descriptor: number[];
  age: number;
  gender: 'male' | 'female';
  genderProbability: number;
}

export type EngineResponse =
  | { id: number; ok: true; faces: DetectedFace[]; ms: number }
  | { id: number; ok: false; error: string }
  | { id: -1; ok: true; ready: true; loadMs: number };
