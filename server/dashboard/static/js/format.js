// format.js: instants (epoch seconds) shown and read in a time zone, with Intl only: wall-clock
// parts in a zone, a zone's wall time back to an instant, day and week starts, labels.

const formats = new Map();

function formatter(zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat('en-US', {timeZone: zone, ...options}));
  }
  return formats.get(key);
}

const PARTS = {year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
  minute: '2-digit', second: '2-digit', weekday: 'short', hourCycle: 'h23'};

// The wall clock of `zone` at instant `sec`: {year, month (1-12), day, hour, minute, second}.
export function wallParts(sec, zone) {
  const parts = {};
  for (const {type, value} of formatter(zone, PARTS).formatToParts(new Date(sec * 1000))) {
    if (type !== 'literal') parts[type] = type === 'weekday' ? value : Number(value);
  }
  if (parts.hour === 24) parts.hour = 0;
  return parts;
}

// How far `zone` is ahead of UTC at instant `sec`, in seconds.
function offset(sec, zone) {
  const p = wallParts(Math.floor(sec), zone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
    - Math.floor(sec) * 1000) / 1000;
}

// The instant at which `zone`'s wall clock reads these parts (month 1-12; days may overflow).
export function wallToEpoch({year, month, day, hour = 0, minute = 0, second = 0}, zone) {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, 0) / 1000 + second;
  let sec = asUtc - offset(asUtc, zone);
  sec = asUtc - offset(sec, zone); // once more, across a change of offset
  return sec;
}

// Midnight starting the day of `sec` in `zone`, `days` days later (may be negative).
export function dayStart(sec, zone, days = 0) {
  const p = wallParts(sec, zone);
  return wallToEpoch({year: p.year, month: p.month, day: p.day + days}, zone);
}

// Monday midnight starting the week of `sec` in `zone`, `weeks` weeks later.
export function weekStart(sec, zone, weeks = 0) {
  const p = wallParts(sec, zone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7;
  return wallToEpoch({year: p.year, month: p.month, day: p.day - back + 7 * weeks}, zone);
}

export function dateTime(sec, zone) {
  return formatter(zone, {weekday: 'short', month: 'short', day: 'numeric', year: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'})
    .format(new Date(sec * 1000));
}

export function shortDateTime(sec, zone) {
  return formatter(zone, {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23'}).format(new Date(sec * 1000));
}

export function time(sec, zone) {
  return formatter(zone, {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'})
    .format(new Date(sec * 1000));
}

export function day(sec, zone) {
  return formatter(zone, {weekday: 'short', month: 'short', day: 'numeric'})
    .format(new Date(sec * 1000));
}

// The zone's abbreviation at that instant (CST, GMT+1…).
export function zoneAbbreviation(sec, zone) {
  const part = formatter(zone, {timeZoneName: 'short'}).formatToParts(new Date(sec * 1000))
    .find((p) => p.type === 'timeZoneName');
  return part ? part.value : zone;
}

export function isoUtc(sec) {
  return new Date(sec * 1000).toISOString();
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

// The value of an <input type="datetime-local"> showing `sec` in `zone`.
export function toLocalInput(sec, zone) {
  const p = wallParts(sec, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:`
    + pad(p.second);
}

// An <input type="datetime-local"> value read in `zone`; null when it is not one.
export function fromLocalInput(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(value);
  if (!m) return null;
  const [year, month, dayOfMonth, hour, minute, second = '0', fraction = '0'] = m.slice(1);
  return wallToEpoch({year: +year, month: +month, day: +dayOfMonth, hour: +hour,
    minute: +minute, second: +second + Number(`0.${fraction}`)}, zone);
}

// "1 h 5 min", for a duration in seconds.
export function duration(seconds) {
  const units = [['day', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  const out = [];
  let rest = Math.round(Math.abs(seconds));
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    if (n) out.push(`${n} ${name}`);
    rest -= n * size;
  }
  return out.slice(0, 2).join(' ') || '0 s';
}

export function isZone(zone) {
  try {
    formatter(zone, {});
    return true;
  } catch {
    return false;
  }
}
