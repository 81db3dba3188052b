// Renderer entry (browser only). The inspection screen arrives with the workstation; until then the
// page states what the station can do.
import type { Channel } from '../electron/contract/api.contract';

const channels: Channel[] = ['mrz:readText', 'mrz:readImage'];
const root = document.getElementById('root');
if (root) root.textContent = `Loupe — services: ${channels.join(', ')}`;
