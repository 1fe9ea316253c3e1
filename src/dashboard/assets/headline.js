// The headline numbers: open, overdue (with how late), completed this week, on-time rate.
import { formatCount, formatRate, h } from './dom.js';

function kpi({ label, value, testid, tone, note }) {
  return h('section', { className: `card kpi ${tone ?? ''}` }, h('h2', {}, label), h('p', { className: 'kpi-value', dataset: { testid } }, value), note ? h('div', { className: 'kpi-note' }, note) : null);
}

function agingNote(aging) {
  const late = aging.filter((bucket) => bucket.count > 0);
  if (!late.length) return 'Nothing past its due date.';
  return h('ul', { className: 'aging' }, late.map((bucket) => h('li', {}, h('span', { className: 'num' }, formatCount(bucket.count)), ` ${bucket.label}`)));
}

function rateTone(rate) {
  if (rate === null) return 'neutral';
  if (rate >= 0.8) return 'good';
  return rate >= 0.5 ? 'warn' : 'bad';
}

export function headline(review) {
  const { totals, completion } = review;
  const onTime = completion.closed
    ? `${formatCount(completion.closedOnTime)} of ${formatCount(completion.closed)} closed on time in ${completion.windowWeeks} weeks.`
    : `Nothing closed in the last ${completion.windowWeeks} weeks.`;
  return h(
    'div',
    { className: 'kpis' },
    kpi({ label: 'Open', value: formatCount(totals.open), testid: 'open-count', note: `${formatCount(review.created.length)} new this week.` }),
    kpi({ label: 'Overdue', value: formatCount(totals.overdue), testid: 'overdue-count', tone: totals.overdue ? 'bad' : 'good', note: agingNote(totals.aging) }),
    kpi({ label: 'Completed this week', value: formatCount(review.completed.length), testid: 'completed-count', tone: review.completed.length ? 'good' : 'neutral', note: `${formatCount(review.dueNextWeek.length)} due next week.` }),
    kpi({ label: 'On-time rate', value: formatRate(completion.onTimeRate), testid: 'on-time-rate', tone: rateTone(completion.onTimeRate), note: onTime }),
  );
}
