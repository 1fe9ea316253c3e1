// The reliability dashboard: reads ?week= and ?team= from the address, asks /graphql for that week's review
// with the API token of this tab (asking for one first) and draws it. Plain browser JavaScript (ES modules),
// no build step and no third-party code.
import { ApiError, loadReview, loadTeams } from './api.js';
import { code, formatDay, h } from './dom.js';
import { headline } from './headline.js';
import { brokenPromises, dueNextWeek, overdueByTeam, rootCauses, trend } from './sections.js';
import { forgetToken, keepToken, readToken } from './session.js';
import { forbiddenPage, signInForm } from './sign-in.js';
import { dayIn, shiftWeek } from './weeks.js';

const $ = (id) => document.getElementById(id);

function dashboardHref(week, team) {
  const params = new URLSearchParams();
  if (week) params.set('week', week);
  if (team) params.set('team', team);
  const query = params.toString();
  return query ? `/dashboard?${query}` : '/dashboard';
}

/**
 * Whether the week is still running: then asOf is "now" rather than the week's last millisecond, and the
 * server refuses the next week (it has not started).
 */
function isRunning(review) {
  return dayIn(Date.parse(review.asOf) + 1, review.timeZone) <= review.endsOn;
}

function setLink(link, week, team, enabled) {
  link.querySelector('span').textContent = week.slice(5);
  link.href = dashboardHref(week, team);
  link.setAttribute('aria-label', `Week ${week}`);
  link.classList.toggle('disabled', !enabled);
  if (!enabled) link.removeAttribute('href');
}

function renderHeader(review, teams, team) {
  document.title = `Reliability review ${review.week}${review.team ? ` · ${review.team.name}` : ''} · Followthrough`;
  $('week').textContent = review.week;
  $('week-dates').textContent = `${formatDay(review.startsOn)} – ${formatDay(review.endsOn)}`;
  setLink($('prev-week'), shiftWeek(review.startsOn, -1), team, true);
  setLink($('next-week'), shiftWeek(review.startsOn, 1), team, !isRunning(review));
  $('this-week').href = dashboardHref(null, team);

  const select = $('team');
  for (const option of teams) select.append(h('option', { value: option.id }, option.name));
  select.value = team ?? '';
  select.addEventListener('change', () => {
    window.location.assign(dashboardHref(review.week, select.value || null));
  });

  const asOf = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: review.timeZone }).format(new Date(review.asOf));
  $('as-of').textContent = `As of ${asOf} (${review.timeZone}). Figures are the state at the end of the week, rebuilt from each item's history.`;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain http on another host has no clipboard API: fall back to a selected, off-screen textarea.
  const area = h('textarea', { readonly: '', className: 'offscreen' });
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

function enableCopy(markdown) {
  const button = $('copy-markdown');
  button.disabled = !markdown;
  button.addEventListener('click', () => {
    copyText(markdown).then(
      () => flash(button, 'Copied'),
      () => flash(button, 'Copy failed'),
    );
  });
}

function flash(button, text) {
  button.textContent = text;
  setTimeout(() => (button.textContent = 'Copy markdown'), 2000);
}

function renderReview(review) {
  const chart = trend(review);
  $('content').replaceChildren(
    headline(review),
    h('div', { className: 'grid' }, chart.section, overdueByTeam(review), rootCauses(review), dueNextWeek(review), brokenPromises(review)),
  );
  chart.mount();
}

function renderNoData() {
  $('content').replaceChildren(
    h(
      'section',
      { className: 'card empty-page', dataset: { testid: 'empty-state' } },
      h('h2', {}, 'Nothing to review yet'),
      h('p', {}, 'No postmortems imported yet: run ', code('npm run -s cli -- import <folder>'), ' with the folder of your postmortems, then reload this page.'),
      h('p', { className: 'muted' }, 'Add ', code('--ownership <file>'), ' to map services to their teams, so items get owners and show up per team.'),
    ),
  );
}

const UNREACHABLE = 'The service could not be reached. Is it running?';

function renderError(error) {
  const message = error instanceof ApiError ? error.message : UNREACHABLE;
  $('content').replaceChildren(h('section', { className: 'card error', role: 'alert' }, h('h2', {}, 'The review could not be loaded'), h('p', {}, message)));
}

/** What the header offers: the week and team controls once there is a review to move around in, sign-out with a token. */
function showHeader({ controls, signOut }) {
  $('week-nav').hidden = !controls;
  $('controls').hidden = !controls;
  $('sign-out').hidden = !signOut;
}

function setState(state) {
  $('main').dataset.state = state;
  $('status')?.remove();
}

async function load(token, week, team) {
  const [data, teams] = await Promise.all([loadReview(week, team, token), loadTeams(token)]);
  return { data, teams };
}

function show({ data, teams }, team) {
  const review = data.reliabilityReview;
  showHeader({ controls: true, signOut: true });
  renderHeader(review, teams, team);
  enableCopy(review.markdown);
  if (data.incidents.totalCount === 0) renderNoData();
  else renderReview(review);
  setState(data.incidents.totalCount === 0 ? 'empty' : 'ready');
}

const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN'];
const isRefusal = (error) => !(error instanceof ApiError) || REFUSALS.includes(error.code);

/** Why the form stays: the token was refused, its role may not read, or the server did not answer. */
function describeRefusal(error) {
  if (!(error instanceof ApiError)) return UNREACHABLE;
  return error.code === 'FORBIDDEN' ? `This token may not read the review: ${error.message}` : error.message;
}

/** The sign-in form; `refusal` is the server's message when the kept token was just refused. */
function askForToken(week, team, refusal) {
  showHeader({ controls: false, signOut: false });
  const { form, focus } = signInForm({
    refusal,
    describe: describeRefusal,
    // Kept only once the server has accepted it, so a mistyped token is not tried again on the next load.
    signIn: async (token) => {
      let loaded;
      try {
        loaded = await load(token, week, team);
      } catch (error) {
        if (isRefusal(error)) throw error;
        // Accepted, but the review failed (say, a ?week= the server refuses): signed in, with the error page.
        keepToken(token);
        fail(error);
        return;
      }
      keepToken(token);
      show(loaded, team);
    },
  });
  $('content').replaceChildren(form);
  setState('signed-out');
  focus();
}

/** A review that could not be read with a kept token. */
function fail(error) {
  if (error instanceof ApiError && error.code === 'FORBIDDEN') {
    showHeader({ controls: false, signOut: true });
    $('content').replaceChildren(forbiddenPage(error.message));
    setState('forbidden');
    return;
  }
  showHeader({ controls: true, signOut: true });
  renderError(error);
  setState('error');
}

function signOut() {
  forgetToken();
  // A fresh page: nothing read with the token stays on screen or in memory, and the form asks for a new one.
  window.location.reload();
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const week = params.get('week') || null;
  const team = params.get('team') || null;
  $('sign-out').addEventListener('click', signOut);
  const token = readToken();
  if (!token) {
    askForToken(week, team, null);
    return;
  }
  try {
    show(await load(token, week, team), team);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      // Revoked, expired or from another server: forget it and ask again, saying why.
      forgetToken();
      askForToken(week, team, error.message);
    } else {
      fail(error);
    }
  }
}

void main();
