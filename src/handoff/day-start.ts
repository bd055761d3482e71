const hourMs = 3_600_000;

// "Today" on the console is the Dutch calendar day, whatever the server's time zone.
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The first millisecond of the Dutch calendar day of `now` (00:00 in Europe/Amsterdam). */
export function startOfDutchDay(now: Date): Date {
  const day = amsterdamDay.format(now);
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Amsterdam is UTC+1 or UTC+2 and never changes clocks at midnight, so midnight is one of these two instants.
  for (const offsetHours of [1, 2]) {
    const candidate = utcMidnight - offsetHours * hourMs;
    if (amsterdamDay.format(candidate) === day && amsterdamDay.format(candidate - 1) !== day) return new Date(candidate);
  }
  throw new RangeError('Could not find the start of the Dutch day.');
}
