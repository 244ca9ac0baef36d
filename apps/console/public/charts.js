// Chart.js wrappers: every chart gets a table of the very numbers it draws, so people (and tests) can read them.
'use strict';
(function () {
  const charts = new Map();
  const palette = ['#3b5bdb', '#f08c00', '#2f9e44', '#c92a2a', '#7048e8', '#1098ad', '#e64980'];

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else if (value !== undefined && value !== null) node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  /** A card with a canvas; `datasets` are { label, values }, labels are the x axis. */
  function chartCard(parent, { id, title, type, labels, datasets, stacked, wide, note }) {
    const canvas = el('canvas', { 'data-chart': id, 'data-values': JSON.stringify(datasets.map((d) => d.values)) });
    const card = el('section', { class: `card${wide ? ' wide' : ''}`, 'data-card': id }, [el('h2', { text: title }), el('div', { class: 'chart' }, [canvas])]);
    if (note) card.append(el('p', { class: 'muted', text: note }));
    parent.append(card);
    charts.get(id)?.destroy();
    charts.set(
      id,
      new window.Chart(canvas, {
        type,
        data: {
          labels,
          datasets: datasets.map((d, i) => ({ label: d.label, data: d.values, backgroundColor: d.color || palette[i % palette.length], borderColor: d.color || palette[i % palette.length], type: d.type, yAxisID: d.axis })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: type === 'doughnut' ? undefined : { x: { stacked: !!stacked }, y: { stacked: !!stacked, beginAtZero: true } },
        },
      }),
    );
    return card;
  }

  /** rows: arrays of cells; a cell is text or { text, num, key } (key becomes data-key for lookups). */
  function table(parent, { id, headers, rows }) {
    const head = el('tr', {}, headers.map((h) => el('th', { text: h })));
    const body = rows.map((row) =>
      el('tr', { 'data-row': String(typeof row[0] === 'object' ? row[0].text : row[0]) }, row.map((cell, i) => {
        const value = typeof cell === 'object' && cell !== null ? cell : { text: cell };
        return el('td', { text: value.text ?? '', class: value.num ? 'num' : undefined, 'data-key': value.key ?? headers[i] });
      })),
    );
    const node = el('table', { 'data-table': id }, [el('thead', {}, [head]), el('tbody', {}, body)]);
    parent.append(node);
    return node;
  }

  function destroyAll() {
    for (const chart of charts.values()) chart.destroy();
    charts.clear();
  }

  window.consoleCharts = { el, chartCard, table, destroyAll };
})();
