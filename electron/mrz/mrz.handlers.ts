// mrz:* — the text path of the MRZ engine, for typed or pasted lines.
import { defineHandlers } from '../common/handler-kit';
import { mrzChannels } from '../contract/mrz.channels';
import { readMrzText } from './mrz-text-reader';

export function mrzHandlers() {
  return defineHandlers(mrzChannels, {
    'mrz:readText': { run: async ({ text, repair }) => readMrzText(text.split(/\r\n|\r|\n/), { source: 'text', ...(repair !== undefined ? { repair } : {}) }) },
  });
}
