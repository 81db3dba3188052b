// Devices from devices:list, kept current by devices:onStatus; the officer's pick is remembered.
import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../electron/contract/device.contract';
import { loupe } from '../api/loupe';

const PICK_KEY = 'loupe.device';

function preferred(devices: DeviceStatus[], current: string | null): string | null {
  if (current && devices.some((d) => d.id === current)) return current;
  const remembered = window.localStorage.getItem(PICK_KEY);
  const usable = devices.filter((d) => d.provides.length > 0 && d.state !== 'unavailable' && d.state !== 'disabled');
  return (
    usable.find((d) => d.id === remembered)?.id ??
    usable.find((d) => d.kind === 'virtual-scanner')?.id ??
    usable[0]?.id ??
    devices[0]?.id ??
    null
  );
}

export function useDevices(onError: (error: unknown) => void) {
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const apply = (list: DeviceStatus[]) => {
      if (!live) return;
      setDevices(list);
      setSelectedId((current) => preferred(list, current));
    };
    const unsubscribe = loupe.on('devices:onStatus', apply);
    loupe['devices:list']({}).then(apply, (e: unknown) => live && onError(e));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [onError]);

  const select = (id: string) => {
    window.localStorage.setItem(PICK_KEY, id);
    setSelectedId(id);
  };

  return { devices, selected: devices.find((d) => d.id === selectedId) ?? null, select };
}
