// The review's tables. Each says what to do, or that all is well, when it has no rows.
import { code, formatCount, formatDay, formatRate, formatStatus, h, itemLink, ownerText } from './dom.js';
import { mountTrendChart, trendLegend } from './trend-chart.js';
import { dayIn } from './weeks.js';

function card(title, subtitle, body, className = '') {
  return h('section', { className: `card ${className}` }, h('header', { className: 'card-head' }, h('h2', {}, title), subtitle ? h('p', { className: 'muted' }, subtitle) : null), body);
}

function table(columns, rows, testid) {
  return h(
    'table',
    { dataset: { testid } },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { className: column.num ? 'num' : null, scope: 'col' }, column.label)))),
    h('tbody', {}, rows),
  );
}

const empty = (tone, ...text) => h('p', { className: `empty ${tone}` }, ...text);
const num = (value, attrs = {}) => h('td', { className: 'num', ...attrs }, formatCount(value));

/** Link to the same week filtered to one team. */
function teamHref(teamId, week) {
  const params = new URLSearchParams({ week, team: teamId });
  return `/dashboard?${params}`;
}

export function overdueByTeam(review) {
  const teams = [...review.scorecards].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.teamName.localeCompare(b.teamName));
  if (!teams.length) return card('Overdue by team', null, empty('neutral', 'No open items belong to a team. Load an ownership map with ', code('npm run -s cli -- ownership load <file>'), ' so items find their team.'));
  const widest = Math.max(1, ...teams.map((team) => team.overdue));
  const rows = teams.map((team) =>
    h(
      'tr',
      { dataset: { testid: 'team-row', team: team.teamName } },
      h('th', { scope: 'row' }, team.teamId && !review.team ? h('a', { href: teamHref(team.teamId, review.week) }, team.teamName) : team.teamName),
      num(team.open),
      h(
        'td',
        { className: 'num overdue-cell' },
        h('span', { className: 'meter', 'aria-hidden': 'true' }, meterFill(team.overdue / widest)),
        h('span', { className: team.overdue ? 'bad-text' : null, dataset: { testid: 'team-overdue' } }, formatCount(team.overdue)),
      ),
      num(team.createdThisWeek),
      num(team.completedThisWeek),
      h('td', { className: 'num' }, formatRate(team.onTimeRate)),
      h('td', { className: `num ${team.brokenPromises ? 'bad-text' : ''}` }, formatCount(team.brokenPromises)),
    ),
  );
  const columns = [{ label: 'Team' }, { label: 'Open', num: true }, { label: 'Overdue', num: true }, { label: 'New', num: true }, { label: 'Done', num: true }, { label: 'On time', num: true }, { label: 'Broken', num: true }];
  return card('Overdue by team', 'Open and overdue at the end of the week; new and done during it.', table(columns, rows, 'teams'), 'teams');
}

function meterFill(share) {
  const bar = h('span', { className: 'meter-fill' });
  // Set through the CSSOM: the page's CSP allows no inline style attributes.
  bar.style.width = `${Math.round(share * 100)}%`;
  return bar;
}

export function trend(review) {
  const quiet = review.trend.every((week) => !week.opened && !week.completed && !week.openOverdue);
  const first = review.trend[0];
  const subtitle = first ? `${review.trend.length} weeks from ${formatDay(first.startsOn)}, ending with ${review.week}.` : null;
  const holder = h('div', { className: 'trend-holder' });
  const section = card('Trend', subtitle, h('div', {}, trendLegend(), holder, quiet ? empty('neutral', 'Nothing was opened, completed or overdue in these weeks.') : null));
  // Drawn once the card is on the page and has a width.
  return { section, mount: () => mountTrendChart(holder, review.trend, review.week) };
}

const lateItem = (item) => h('li', {}, itemLink(item), item.daysOverdue ? h('span', { className: 'late' }, ` ${item.daysOverdue} d late`) : null);
const itemList = (items) => folded(items, 4, lateItem, 'items');

export function rootCauses(review) {
  if (!review.recurringRootCauses.length) return card('Recurring root causes', null, empty('good', 'No root cause has come back: none is shared by two or more incidents.'));
  const rows = review.recurringRootCauses.map((cause) =>
    h(
      'tr',
      { dataset: { testid: 'root-cause' } },
      h('th', { scope: 'row', title: `${cause.failureMode} · ${cause.serviceName}` }, cause.label),
      num(cause.incidentCount, { dataset: { testid: 'root-cause-incidents' } }),
      h('td', { className: 'nowrap' }, cause.lastSeenAt ? formatDay(dayIn(cause.lastSeenAt, review.timeZone)) : '—'),
      h('td', {}, cause.openItems.length ? itemList(cause.openItems) : h('span', { className: 'good-text' }, 'All its items are closed.')),
    ),
  );
  const columns = [{ label: 'Root cause' }, { label: 'Incidents', num: true }, { label: 'Last seen' }, { label: 'Still open' }];
  return card('Recurring root causes', 'Failure modes that hit the same service more than once, most incidents first.', table(columns, rows, 'root-causes'));
}

const FLAG_LABELS = { PROMISED_AGAIN: 'Promised again', RECURRED_WHILE_OPEN: 'Recurred while open', INEFFECTIVE: 'Ineffective' };

function evidenceFact(fact) {
  return h(
    'li',
    {},
    h('span', { className: 'evidence-date' }, fact.on ? formatDay(fact.on) : ''),
    h('span', {}, fact.incidentTitle ?? fact.note, fact.incidentTitle && fact.note ? h('span', { className: 'muted' }, ` — ${fact.note}`) : null),
  );
}

/** The first entries, and the rest folded away: a measure promised five times would otherwise fill the screen. */
function folded(entries, shown, render, listClass) {
  const list = h('ul', { className: listClass }, entries.slice(0, shown).map(render));
  if (entries.length <= shown) return list;
  return [list, h('details', { className: 'more' }, h('summary', {}, `${entries.length - shown} more`), h('ul', { className: listClass }, entries.slice(shown).map(render)))];
}

const evidenceList = (evidence) => (evidence.length ? folded(evidence, 2, evidenceFact, 'evidence') : '—');

export function brokenPromises(review) {
  if (!review.brokenPromises.length) return card('Broken promises', null, empty('good', 'No broken promises: nothing was promised again, left open when its cause came back, or done without effect.'), 'wide');
  const rows = review.brokenPromises.map((promise) =>
    h(
      'tr',
      { dataset: { testid: 'broken-promise-row', code: promise.code } },
      h('td', { className: 'item-cell' }, itemLink(promise.item), h('div', { className: 'muted small' }, ownerText(promise.item))),
      h('td', {}, h('span', { className: `badge ${promise.code.toLowerCase().replace(/_/g, '-')}` }, FLAG_LABELS[promise.code] ?? formatStatus(promise.code))),
      h('td', {}, promise.reason),
      h('td', {}, evidenceList(promise.evidence)),
    ),
  );
  const columns = [{ label: 'Item' }, { label: 'Why' }, { label: 'Reason' }, { label: 'Evidence' }];
  const counts = Object.entries(FLAG_LABELS)
    .map(([flag, label]) => [label, review.brokenPromises.filter((promise) => promise.code === flag).length])
    .filter(([, count]) => count)
    .map(([label, count]) => `${count} ${label.toLowerCase()}`);
  const subtitle = `Measures promised again, still open when the cause came back, or done without effect: ${counts.join(', ')}.`;
  return card('Broken promises', subtitle, table(columns, rows, 'broken-promises'), 'wide promises');
}

export function dueNextWeek(review) {
  if (!review.dueNextWeek.length) return card('Due next week', null, empty('good', 'Nothing falls due next week.'));
  const rows = review.dueNextWeek.map((item) =>
    h(
      'tr',
      { dataset: { testid: 'due-next-week-row' } },
      h('td', { className: 'item-cell' }, itemLink(item), h('div', { className: 'muted small' }, item.incidentTitle)),
      h('td', { className: 'nowrap' }, ownerText(item)),
      h('td', { className: 'nowrap' }, formatDay(item.dueOn)),
      h('td', {}, h('span', { className: `status ${item.status.toLowerCase()}` }, formatStatus(item.status))),
    ),
  );
  return card('Due next week', 'Open items due in the seven days after this week.', table([{ label: 'Item' }, { label: 'Owner' }, { label: 'Due' }, { label: 'Status' }], rows, 'due-next-week'));
}
