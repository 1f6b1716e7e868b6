/** Dates as messages show them: "16 Nov", "Tue 3 Dec" (English abbreviations, whatever the server's locale). */
import { isoWeekday } from '../../domain/localTime.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "16 Nov" from an ISO date. */
export function shortDate(date: string): string {
  const [, month = 1, day = 1] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]}`;
}

/** "Tue 3 Dec" from an ISO date (throws on a date that is not one, like the calendar functions). */
export const formatShortDate = (date: string): string => `${WEEKDAYS[isoWeekday(date) - 1]} ${shortDate(date)}`;
