// The application menu: every entry also reachable from the keyboard inside the page.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(window: () => BrowserWindow | null): Menu {
  const send = (key: string) => () => window()?.webContents.sendInputEvent({ type: 'keyDown', keyCode: key });
  const template: MenuItemConstructorOptions[] = [
    { label: 'Loupe', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] },
    {
      label: 'Examination',
      submenu: [
        { label: 'Scan', accelerator: 'S', click: send('S') },
        { label: 'History', accelerator: 'H', click: send('H') },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'White light', click: send('1') },
        { label: 'Infrared', click: send('2') },
        { label: 'Ultraviolet', click: send('3') },
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'Keyboard shortcuts', click: send('?') }] },
  ];
  return Menu.buildFromTemplate(template);
}
