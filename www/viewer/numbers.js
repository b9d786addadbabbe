// Numbers written in English (1,234.56), as Intl.NumberFormat("en") writes them, without
// Intl: the first Intl object a page makes loads the browser's locale data, tens of
// milliseconds on the page's thread while the viewer opens. As Intl does, a number is rounded
// from its shortest decimal form (1.005 to 1.01), a tie away from zero.

/** `value` with its integer part grouped by thousands and at most `fractionDigits` decimals. */
export function formatNumber(value, fractionDigits) {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return englishFormat(fractionDigits).format(value);
  // The shortest decimal digits that read back as the value, and where the point falls.
  const [mantissa, exponent] = Math.abs(value).toExponential().split("e");
  let digits = mantissa.replace(".", "");
  let point = Number(exponent) + 1;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, "0");
  const kept = point + fractionDigits;
  if (digits.length > kept) {
    const up = digits[kept] >= "5";
    digits = digits.slice(0, kept);
    if (up) {
      digits = carried(digits);
      if (digits.length > kept) point += 1;
    }
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(point).replace(/0+$/, "");
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return sign + whole.replace(/\B(?=(\d{3})+$)/g, ",") + (fraction ? `.${fraction}` : "");
}

/** A string of decimal digits plus one in its last place. */
function carried(digits) {
  let end = digits.length;
  while (end > 0 && digits[end - 1] === "9") end -= 1;
  if (end === 0) return `1${"0".repeat(digits.length)}`;
  return digits.slice(0, end - 1) + String(Number(digits[end - 1]) + 1) + "0".repeat(digits.length - end);
}

const formats = new Map();

/** Intl's own format, for what has no plain decimal form (infinities, NaN, 1e21 and up). */
function englishFormat(fractionDigits) {
  if (!formats.has(fractionDigits)) formats.set(fractionDigits, new Intl.NumberFormat("en", { maximumFractionDigits: fractionDigits }));
  return formats.get(fractionDigits);
}

/** As `Intl.NumberFormat("en")`: at most three decimals. */
export const numberFormat = { format: (value) => formatNumber(value, 3) };

/** As `Intl.NumberFormat("en", { maximumFractionDigits: 2 })`. */
export const decimalFormat = { format: (value) => formatNumber(value, 2) };
