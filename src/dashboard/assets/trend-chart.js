// The 12-week trend as inline SVG: grouped bars for items opened and completed each week, and a line for the
// items open past their due date at each week's end. Drawn here rather than with a chart library so the page
// has no dependency to download and works offline.
import { formatShortDay, h, s } from './dom.js';

// Drawn at the width it is shown at (not scaled from a fixed viewBox), so its labels keep their size.
const MIN_WIDTH = 480;
const HEIGHT = 270;
const MARGIN = { top: 22, right: 14, bottom: 44, left: 40 };

/** A round axis maximum and step: 0, 5, 10 … or 0, 2, 4 …, with four or five gridlines. */
function axisScale(max) {
  if (max <= 4) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((candidate) => candidate >= rough);
  return { top: Math.ceil(max / step) * step, step };
}

const SERIES = [
  { key: 'opened', label: 'Opened', className: 'series-opened' },
  { key: 'completed', label: 'Completed', className: 'series-completed' },
  { key: 'openOverdue', label: 'Open overdue (end of week)', className: 'series-overdue' },
];

export function trendLegend() {
  return h('ul', { className: 'legend' }, SERIES.map((series) => h('li', {}, h('span', { className: `swatch ${series.className}`, 'aria-hidden': 'true' }), series.label)));
}

export function trendChart(weeks, currentWeek, width) {
  const chartWidth = Math.max(MIN_WIDTH, Math.floor(width));
  const plotWidth = chartWidth - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...weeks.flatMap((week) => [week.opened, week.completed, week.openOverdue]));
  const { top, step } = axisScale(max);
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const band = plotWidth / Math.max(weeks.length, 1);
  const barWidth = Math.min(18, band * 0.3);
  const center = (index) => MARGIN.left + band * (index + 0.5);

  const summary = weeks.map((week) => `${week.week}: ${week.opened} opened, ${week.completed} completed, ${week.openOverdue} open overdue`).join('; ');
  const svg = s('svg', { viewBox: `0 0 ${chartWidth} ${HEIGHT}`, width: chartWidth, height: HEIGHT, className: 'trend-chart', role: 'img', 'aria-label': `Trend over ${weeks.length} weeks. ${summary}` });

  for (let value = 0; value <= top; value += step) {
    svg.append(
      s('line', { x1: MARGIN.left, x2: chartWidth - MARGIN.right, y1: y(value), y2: y(value), className: value === 0 ? 'axis' : 'gridline' }),
      s('text', { x: MARGIN.left - 8, y: y(value) + 4, className: 'tick', 'text-anchor': 'end' }, value),
    );
  }

  weeks.forEach((week, index) => {
    const x = center(index);
    const group = s('g', {
      className: week.week === currentWeek ? 'week current' : 'week',
      dataset: { testid: 'trend-week', week: week.week, opened: week.opened, completed: week.completed, openOverdue: week.openOverdue },
    });
    group.append(s('title', {}, `${week.week} (from ${formatShortDay(week.startsOn)}): ${week.opened} opened, ${week.completed} completed, ${week.openOverdue} open overdue`));
    if (week.week === currentWeek) group.append(s('rect', { x: x - band / 2, y: MARGIN.top, width: band, height: plotHeight, className: 'current-band' }));
    // Opened left of the week's centre, completed right of it, with a 2-unit gap between them.
    ['opened', 'completed'].forEach((key) => {
      const value = week[key];
      const left = key === 'opened' ? x - barWidth - 1 : x + 1;
      group.append(s('rect', { x: left, y: y(value), width: barWidth, height: Math.max(0, y(0) - y(value)), className: `bar series-${key}` }));
      if (value > 0) group.append(s('text', { x: left + barWidth / 2, y: y(value) - 4, className: 'bar-label', 'text-anchor': 'middle' }, value));
    });
    group.append(s('text', { x, y: HEIGHT - MARGIN.bottom + 17, className: 'x-label', 'text-anchor': 'middle' }, week.week.slice(5)));
    // Dates are wider than week numbers: on a narrow chart every other one, counted back from this week.
    if (band >= 50 || (weeks.length - 1 - index) % 2 === 0) {
      group.append(s('text', { x, y: HEIGHT - MARGIN.bottom + 31, className: 'x-sublabel', 'text-anchor': 'middle' }, formatShortDay(week.startsOn)));
    }
    svg.append(group);
  });

  // The overdue line goes over the bars, so its points stay visible where they cross.
  const points = weeks.map((week, index) => `${center(index)},${y(week.openOverdue)}`).join(' ');
  svg.append(s('polyline', { points, className: 'line series-overdue' }));
  weeks.forEach((week, index) => {
    svg.append(s('circle', { cx: center(index), cy: y(week.openOverdue), r: 3.5, className: 'point series-overdue' }));
  });
  // The latest overdue count, above its point, or left of it when a bar's label sits there already.
  const last = weeks.at(-1);
  if (last) {
    const x = center(weeks.length - 1);
    const crowded = [last.opened, last.completed].some((value) => value > 0 && Math.abs(y(value) - y(last.openOverdue)) < 16);
    const label = crowded ? { x: x - barWidth - 6, y: y(last.openOverdue) + 4, 'text-anchor': 'end' } : { x, y: y(last.openOverdue) - 9, 'text-anchor': 'middle' };
    svg.append(s('text', { ...label, className: 'line-label' }, last.openOverdue));
  }
  return svg;
}

/** Draws the chart into `holder` at its current width, and again whenever the window is resized. */
export function mountTrendChart(holder, weeks, currentWeek) {
  const draw = () => holder.replaceChildren(trendChart(weeks, currentWeek, holder.clientWidth));
  draw();
  let pending = false;
  window.addEventListener('resize', () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      if (holder.isConnected) draw();
    });
  });
}
