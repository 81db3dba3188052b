// The check digit of ICAO 9303-3 §4.9: weights 7, 3, 1; digits as themselves, A–Z as 10–35, '<' as 0.
export function checkDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else if (c === 60) v = 0;
    else throw new RangeError(`not an MRZ character: ${text[i]}`);
    sum += v * weights[i % 3]!;
  }
  return String(sum % 10);
}
