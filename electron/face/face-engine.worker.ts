// The face engine's worker thread: tfjs on the WebAssembly backend with face-api's SSD detector,
// 68-point landmarks, 128-d descriptor and age/gender nets. Weights and the .wasm binaries are read
// from the installed packages (never from a URL). Runs off the main thread so the event loop (IPC,
// HTTP host) stays responsive during the ~0.2–0.5 s of inference.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type * as Tf from '@tensorflow/tfjs';
import type { DetectedFace, EngineRequest, EngineResponse } from './face-engine-protocol';

const require = createRequire(import.meta.url);

interface FaceApiResult {
  detection: { box: { x: number; y: number; width: number; height: number }; score: number };
  landmarks: { positions: { x: number; y: number }[] };
  descriptor: Float32Array;
  age: number;
  gender: 'male' | 'female';
  genderProbability: number;
}

async function load() {
  const started = performance.now();
  const tf = require('@tensorflow/tfjs') as typeof Tf;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string, customFetch?: boolean): void };
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  // customFetch=false: Emscripten reads the file with fs; Node's fetch cannot open file paths.
  wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/', false);
  await tf.setBackend('wasm');
  await tf.ready();
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.ageGenderNet.loadFromDisk(modelDir);
  return { tf, faceapi, loadMs: performance.now() - started };
}

async function main() {
  const port = parentPort;
  if (!port) throw new Error('face-engine.worker must run in a worker thread');
  const engine = await load();
  port.postMessage({ id: -1, ok: true, ready: true, loadMs: engine.loadMs } satisfies EngineResponse);
  // One request at a time: the client queues, so tensors of two images never compete for memory.
  port.on('message', async (req: EngineRequest) => {
    const started = performance.now();
    let tensor: { dispose(): void } | null = null;
    try {
      tensor = engine.tf.tensor3d(req.rgb, [req.height, req.width, 3], 'int32');
      const options = new engine.faceapi.SsdMobilenetv1Options({ minConfidence: 0.4, maxResults: req.maxFaces });
      const results = (await engine.faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors().withAgeAndGender()) as FaceApiResult[];
      const faces: DetectedFace[] = results.map((r) => ({
        box: { x: r.detection.box.x, y: r.detection.box.y, w: r.detection.box.width, h: r.detection.box.height },
        score: r.detection.score,
        landmarks: r.landmarks.positions.map((p) => [p.x, p.y] as [number, number]),
        descriptor: Array.from(r.descriptor),
        age: r.age,
        gender: r.gender,
        genderProbability: r.genderProbability,
      }));
      port.postMessage({ id: req.id, ok: true, faces, ms: performance.now() - started } satisfies EngineResponse);
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, error: String((err as Error)?.message ?? err) } satisfies EngineResponse);
    } finally {
      tensor?.dispose();
    }
  });
}

void main().catch((err: unknown) => {
  parentPort?.postMessage({ id: -2, ok: false, error: `the face engine could not start: ${String((err as Error)?.message ?? err)}` });
});
