// The `smartcard` binding (N-API over pcsc-lite / WinSCard), loaded when the PC/SC driver starts so
// a station without the library (or with a broken build) only loses its chip readers.
import type * as Smartcard from 'smartcard';

export type PcscLibrary = typeof Smartcard;
export type Card = Smartcard.CardInterface;
export type ContextInterface = Smartcard.ContextInterface;
export type MonitorEvent = Smartcard.MonitorEvent;
export type ReaderMonitor = Smartcard.ReaderMonitorInterface;

export async function loadPcscLibrary(): Promise<PcscLibrary> {
  const mod = (await import('smartcard')) as PcscLibrary & { default?: PcscLibrary };
  return mod.default ?? mod;
}
