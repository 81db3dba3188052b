// The contract's zod schemas come along with its shared constants. Zod probes `new Function` when
// an object schema is built; under the page's Content-Security-Policy (no 'unsafe-eval') that probe
// is reported as a violation, so the renderer switches zod to its interpreter before any schema
// exists. Imported first by main.tsx for that reason.
import { z } from 'zod';

z.config({ jitless: true });
