// USB vendor/product ids of document and chip readers the station recognises.
// `verified: true` entries were checked against the public usb.ids registry / lsusb output;
// the others are vendor ids as commonly reported for these makers and MUST be confirmed with
// `lsusb` on the real device before being relied on. productId undefined = any product.
export interface KnownReader {
  vendorId: number;
  productId?: number;
  maker: string;
  model: string;
  verified: boolean;
}

export const KNOWN_READERS: readonly KnownReader[] = [
  { vendorId: 0x08e6, productId: 0x3437, maker: 'Gemalto (Thales)', model: 'GemPC Twin smart-card reader', verified: true },
  { vendorId: 0x08e6, productId: 0x3438, maker: 'Gemalto (Thales)', model: 'GemPC Key smart-card reader', verified: true },
  { vendorId: 0x08e6, maker: 'Gemalto (Thales)', model: 'reader', verified: true },
  { vendorId: 0x072f, maker: 'Advanced Card Systems', model: 'ACR contactless reader', verified: false },
  { vendorId: 0x076b, maker: 'HID Global (Omnikey)', model: 'contactless reader', verified: false },
  { vendorId: 0x04e6, maker: 'Identiv (SCM Microsystems)', model: 'smart-card reader', verified: false },
  { vendorId: 0x0db5, maker: 'Access IS', model: 'ATOM / OCR document reader', verified: false },
  { vendorId: 0x1a2c, maker: 'Regula', model: 'document reader', verified: false },
  { vendorId: 0x0c27, maker: 'Desko', model: 'PENTA / ICON document scanner', verified: false },
  { vendorId: 0x2125, maker: 'ARH', model: 'PRMc / ComboSmart passport reader', verified: false },
  { vendorId: 0x0f1e, maker: '3M (Thales)', model: 'AT9000 / CR5400 passport reader', verified: false },
];

export function identifyReader(vendorId: number, productId: number): KnownReader | undefined {
  return (
    KNOWN_READERS.find((r) => r.vendorId === vendorId && r.productId === productId) ??
    KNOWN_READERS.find((r) => r.vendorId === vendorId && r.productId === undefined)
  );
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
