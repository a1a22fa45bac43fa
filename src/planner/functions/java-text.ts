// Java's text for a DOUBLE (Double.toString), which ksqlDB functions use when they turn numbers into strings.

/** `1.0`, `0.5`, `1.0E7`, `1.5E-7`, `NaN`, `Infinity`: the shortest digits, with Java's ".0" and "E" rules. */
export function javaDoubleText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    return Number.isInteger(value) ? value.toFixed(1) : String(value);
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${exponent.replace('+', '')}`;
}
