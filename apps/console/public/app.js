// The console's shell: hash routes, the filter bar, and fetching /api with the sign-in cookie.
'use strict';
(function () {
  const page = document.getElementById('page');
  const filters = document.getElementById('filters');

  async function api(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.status === 401) {
      location.href = '/sign-in';
      throw new Error('not signed in');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`${response.status}: ${[].concat(body.message || response.statusText).join('; ')}`);
    return body;
  }

  function filterQuery(extra) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(filters)) if (value) params.set(name, value);
    for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
    const text = params.toString();
    return text ? `?${text}` : '';
  }

  async function render() {
    const [route, ...args] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    const show = window.consolePages[route || 'funnel'] || window.consolePages.funnel;
    window.consoleCharts.destroyAll();
    page.replaceChildren();
    page.setAttribute('data-page', route || 'funnel');
    page.removeAttribute('data-ready');
    try {
      await show(page, { api, filterQuery, args });
    } catch (error) {
      page.replaceChildren(window.consoleCharts.el('section', { class: 'card error', 'data-error': '', text: error.message }));
    }
    page.setAttribute('data-ready', 'true');
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    render();
  });
  window.addEventListener('hashchange', render);
  api('/api/me').then((me) => {
    document.getElementById('role').textContent = `signed in: ${me.role}`;
    render();
  }, () => undefined);
})();
