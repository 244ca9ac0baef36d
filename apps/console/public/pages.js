// One function per page: fetch from /api, draw charts, and put the numbers in tables beside them.
'use strict';
(function () {
  const { el, chartCard, table } = window.consoleCharts;
  const money = (cents) => (cents / 100).toFixed(2);
  const pct = (rate) => `${(rate * 100).toFixed(1)} %`;
  const num = (value, key) => ({ text: String(value), num: true, key });
  const duration = (seconds) => (seconds === null ? '—' : seconds < 3600 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(1)} h`);
  const points = (difference) => `${difference >= 0 ? '+' : ''}${(difference * 100).toFixed(1)} pts`;
  const signedMoney = (cents) => `${cents >= 0 ? '+' : ''}${money(cents)}`;
  const discountSpread = (d) => (d === null ? '—' : d.minPercent === d.maxPercent ? `${+d.meanPercent.toFixed(1)} %` : `${+d.meanPercent.toFixed(1)} % (${d.minPercent}–${d.maxPercent})`);
  /** Table rows for arms beside the holdout: customers, purchasers, rate and interval, revenue per customer, uplift. */
  const armRow = (name, arm, uplift) => [
    name, num(arm.customers, 'customers'), num(arm.purchasers, 'purchasers'), num(pct(arm.purchaseRate.rate), 'rate'),
    `${pct(arm.purchaseRate.low)} – ${pct(arm.purchaseRate.high)}`, num(money(arm.revenuePerCustomerCents), 'revenuePerCustomer'),
    num(uplift ? points(uplift.purchaseRate.difference) : '—', 'uplift'), uplift ? `${points(uplift.purchaseRate.low)} – ${points(uplift.purchaseRate.high)}` : '—',
    num(uplift ? signedMoney(uplift.revenuePerCustomerCents) : '—', 'revenueUplift'),
  ];
  const ARM_HEADERS = ['arm', 'customers', 'bought', 'rate', '95 % CI', 'revenue / customer', 'uplift', 'uplift 95 % CI', 'revenue / customer uplift'];
  const armChart = (arms) => [
    { label: 'bought %', values: arms.map((a) => +(a.purchaseRate.rate * 100).toFixed(2)) },
    { label: 'CI low %', values: arms.map((a) => +(a.purchaseRate.low * 100).toFixed(2)), type: 'line' },
    { label: 'CI high %', values: arms.map((a) => +(a.purchaseRate.high * 100).toFixed(2)), type: 'line' },
  ];
  const kpi = (label, value, key) => el('div', { class: 'kpi', 'data-kpi': key }, [el('strong', { text: value }), el('span', { class: 'muted', text: label })]);

  async function funnel(page, { api, filterQuery }) {
    const report = await api(`/api/funnel${filterQuery({ groupBy: 'segment' })}`);
    const card = chartCard(page, {
      id: 'funnel', title: 'Funnel: Trigger Sent → Opened → Clicked → Purchase', type: 'bar',
      labels: report.steps.map((s) => s.step), datasets: [{ label: 'messages', values: report.steps.map((s) => s.count) }],
    });
    table(card, { id: 'funnel', headers: ['step', 'count', 'of previous', 'of sent'], rows: report.steps.map((s) => [s.step, num(s.count, 'count'), num(pct(s.rateFromPrevious), 'rateFromPrevious'), num(pct(s.rateFromSent), 'rateFromSent')]) });
    const money_ = el('section', { class: 'card', 'data-card': 'money' }, [el('h2', { text: 'Money and time' })]);
    money_.append(el('div', { class: 'kpis' }, [
      kpi('attributed revenue', money(report.attributedRevenueCents), 'revenue'),
      kpi('discount cost', money(report.discountCostCents), 'discount'),
      kpi('net profit', money(report.netProfitCents), 'profit'),
      kpi('median time to convert', duration(report.timeToConvert.medianSeconds), 'median-time'),
      kpi('messages requested', String(report.counts.requested), 'requested'),
    ]));
    const uplift = report.uplift;
    if (!uplift.available) money_.append(el('p', { class: 'muted', 'data-uplift': 'unavailable', text: `Uplift vs holdout: not available — ${uplift.reason}.` }));
    else {
      money_.append(el('div', { class: 'kpis' }, [
        kpi(`purchase uplift vs holdout (${uplift.attributionDays} days)`, points(uplift.upliftVsHoldout.purchaseRate.difference), 'uplift'),
        kpi('revenue per customer uplift', signedMoney(uplift.upliftVsHoldout.revenuePerCustomerCents), 'revenue-uplift'),
      ]));
      money_.append(el('p', { class: 'muted', 'data-uplift': 'available', text: `95 % CI ${points(uplift.upliftVsHoldout.purchaseRate.low)} to ${points(uplift.upliftVsHoldout.purchaseRate.high)} (Newcombe). Customers sent something by campaign versions with a holdout, against those held out: purchases within ${uplift.attributionDays} days of the decision.` }));
    }
    page.append(money_);
    if (uplift.available) {
      const arms = [uplift.treated, uplift.holdout];
      const upliftCard = chartCard(page, { id: 'uplift', title: `Bought within ${uplift.attributionDays} days of the decision: sent vs holdout (95 % Wilson interval)`, type: 'bar', labels: ['sent', 'holdout'], datasets: armChart(arms) });
      table(upliftCard, { id: 'uplift', headers: ARM_HEADERS, rows: [armRow('sent', uplift.treated, uplift.upliftVsHoldout), armRow('holdout', uplift.holdout, null)] });
    }
    const groups = report.breakdown || [];
    const bySegment = chartCard(page, {
      id: 'funnel-by-segment', title: 'By segment', type: 'bar', wide: true, labels: groups.map((g) => g.key || 'none'),
      datasets: ['sent', 'opened', 'clicked', 'converted'].map((step) => ({ label: step, values: groups.map((g) => g.counts[step]) })),
    });
    table(bySegment, { id: 'funnel-by-segment', headers: ['segment', 'sent', 'opened', 'clicked', 'converted', 'revenue', 'net profit'], rows: groups.map((g) => [g.key || 'none', num(g.counts.sent, 'sent'), num(g.counts.opened, 'opened'), num(g.counts.clicked, 'clicked'), num(g.counts.converted, 'converted'), num(money(g.attributedRevenueCents), 'revenue'), num(money(g.netProfitCents), 'profit')]) });
  }

  async function ab(page, { api, filterQuery }) {
    const tests = await api(`/api/ab-tests${filterQuery()}`);
    if (tests.length === 0) page.append(el('section', { class: 'card', text: 'No messages recorded yet.' }));
    for (const test of tests) {
      const id = `ab-${test.campaignId}-${test.campaignVersion}`;
      const card = chartCard(page, {
        id, title: `${test.campaignId} v${test.campaignVersion}: conversion per variant (95 % Wilson interval)`, type: 'bar', labels: test.variants.map((v) => v.variant),
        datasets: [
          { label: 'conversion %', values: test.variants.map((v) => +(v.conversion.rate * 100).toFixed(2)) },
          { label: 'CI low %', values: test.variants.map((v) => +(v.conversion.low * 100).toFixed(2)), type: 'line' },
          { label: 'CI high %', values: test.variants.map((v) => +(v.conversion.high * 100).toFixed(2)), type: 'line' },
        ],
      });
      card.append(el('p', { 'data-verdict': test.verdict.decided ? 'decided' : 'open', text: `Verdict: ${test.verdict.summary}` }));
      table(card, { id, headers: ['variant', 'discount (mean, range)', 'sent', 'converted', 'rate', '95 % CI', 'revenue'], rows: test.variants.map((v) => [v.variant, num(discountSpread(v.discount), 'discount'), num(v.sent, 'sent'), num(v.converted, 'converted'), num(pct(v.conversion.rate), 'rate'), `${pct(v.conversion.low)} – ${pct(v.conversion.high)}`, num(money(v.revenueCents), 'revenue')]) });
      abUplift(page, test, id);
    }
  }

  /** The version's customers per arm by decision-recorded, holdout included, and each variant's uplift over it. */
  function abUplift(page, test, id) {
    const decided = test.variants.filter((v) => v.customers);
    if (decided.length === 0 && !test.holdout) return;
    const arms = [...decided.map((v) => v.customers), ...(test.holdout ? [test.holdout] : [])];
    const card = chartCard(page, {
      id: `${id}-uplift`, title: `${test.campaignId} v${test.campaignVersion}: bought within ${test.attributionDays} days of the decision, holdout included`, type: 'bar',
      labels: arms.map((a) => a.arm), datasets: armChart(arms),
    });
    if (!test.holdout) card.append(el('p', { class: 'muted', text: 'No holdout in this version: nothing to measure uplift against.' }));
    table(card, { id: `${id}-uplift`, headers: ARM_HEADERS, rows: [...decided.map((v) => armRow(v.variant, v.customers, v.upliftVsHoldout)), ...(test.holdout ? [armRow('holdout', test.holdout, null)] : [])] });
  }

  async function budget(page, { api, filterQuery }) {
    const days = await api(`/api/budget${filterQuery()}`);
    const card = chartCard(page, {
      id: 'budget', title: 'Discount budget per day', type: 'bar', wide: true, labels: days.map((d) => d.day),
      datasets: [
        { label: 'reserved', values: days.map((d) => d.reservedCents / 100) },
        { label: 'spent (converted)', values: days.map((d) => d.spentCents / 100) },
        { label: 'daily cap', values: days.map((d) => d.capCents / 100), type: 'line', color: '#c92a2a' },
      ],
    });
    table(card, { id: 'budget', headers: ['day', 'messages', 'reserved', 'spent', 'cap'], rows: days.slice(-31).reverse().map((d) => [d.day, num(d.messages, 'messages'), num(money(d.reservedCents), 'reserved'), num(money(d.spentCents), 'spent'), num(money(d.capCents), 'cap')]) });
  }

  async function churn(page, { api, filterQuery }) {
    const [dist, models] = await Promise.all([api(`/api/churn${filterQuery()}`), api(`/api/models${filterQuery()}`)]);
    const labels = dist.deciles.map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`);
    const card = chartCard(page, { id: 'churn', title: `Latest churn score of ${dist.customers} customers`, type: 'bar', labels, datasets: [{ label: 'customers', values: dist.deciles }] });
    table(card, { id: 'churn-bands', headers: ['band', 'customers'], rows: Object.entries(dist.bands).map(([band, n]) => [band, num(n, 'customers')]) });
    const weeks = chartCard(page, {
      id: 'bands-over-time', title: 'Risk bands per week (latest score in the week)', type: 'bar', stacked: true, labels: dist.bandsOverTime.map((p) => p.period),
      datasets: ['low', 'medium', 'high'].map((band, i) => ({ label: band, values: dist.bandsOverTime.map((p) => p[band]), color: ['#2f9e44', '#f08c00', '#c92a2a'][i] })),
    });
    table(weeks, { id: 'band-transitions', headers: ['from', 'to', 'moves'], rows: dist.bandTransitions.map((t) => [`${t.from}→${t.to}`, t.to, num(t.count, 'count')]) });
    const segmentNames = [...new Set(dist.segmentsOverTime.map((s) => s.segment))].sort();
    const periods = [...new Set(dist.segmentsOverTime.map((s) => s.period))].sort();
    chartCard(page, {
      id: 'segments-over-time', title: 'Customers messaged per segment per week', type: 'line', wide: true, labels: periods,
      datasets: segmentNames.map((segment) => ({ label: segment, values: periods.map((p) => dist.segmentsOverTime.find((s) => s.period === p && s.segment === segment)?.customers || 0) })),
    });
    const modelCard = el('section', { class: 'card wide', 'data-card': 'models' }, [el('h2', { text: 'Model versions' })]);
    table(modelCard, { id: 'models', headers: ['model version', 'customers', 'share', 'scores', 'mean score', 'first', 'last'], rows: models.map((m) => [m.modelVersion, num(m.customers, 'customers'), num(pct(m.shareOfCustomers), 'share'), num(m.scores, 'scores'), num(m.meanScore.toFixed(3), 'mean'), m.firstScoredAt.slice(0, 10), m.lastScoredAt.slice(0, 10)]) });
    page.append(modelCard);
    liveModel(page, await api(`/api/models/live${filterQuery()}`));
  }

  const METRIC_MEANINGS = {
    oobRocAuc: 'ROC AUC, out-of-bag', prAuc: 'PR AUC', oobBrier: 'Brier score, out-of-bag', oobLogLoss: 'log loss, out-of-bag',
    oobCalibratedBrier: 'Brier score after calibration', oobCalibratedLogLoss: 'log loss after calibration', oobAccuracy: 'accuracy, out-of-bag',
    oobCoverage: 'share with an out-of-bag score', trainPositiveRate: 'churn rate in training',
  };
  // Ranking first, then calibration, then the rest; metrics a newer trainer adds follow in their own order.
  const metricRank = (name) => { const rank = Object.keys(METRIC_MEANINGS).indexOf(name); return rank < 0 ? Infinity : rank; };

  // Metrics are on no topic: the console asks the churn scorer (gRPC GetModelInfo), and says why when it cannot.
  function liveModel(page, live) {
    const card = el('section', { class: 'card wide', 'data-card': 'live-model', 'data-status': live.status }, [el('h2', { text: live.status === 'ok' ? `Live model ${live.model.modelVersion}` : 'Live model' })]);
    page.append(card);
    if (live.status === 'not-configured') {
      card.append(el('p', { class: 'muted', 'data-live-model': live.status, text: `No metrics: ${live.reason}.` }));
      return;
    }
    if (live.status === 'unreachable') {
      card.append(el('p', { class: 'error', 'data-live-model': live.status, text: `scorer unreachable: ${live.reason}` }));
      return;
    }
    const { model, usage } = live;
    card.append(el('div', { class: 'kpis' }, [
      kpi('of scored customers', usage ? pct(usage.shareOfCustomers) : '—', 'live-share'),
      kpi('horizon', `${model.horizonDays} days`, 'live-horizon'),
      kpi('bands', `medium ≥ ${model.bandThresholds.mediumFrom}, high ≥ ${model.bandThresholds.highFrom}`, 'live-bands'),
    ]));
    table(card, { id: 'model-metrics', headers: ['metric', 'value', 'meaning'], rows: Object.entries(model.metrics).sort(([a], [b]) => metricRank(a) - metricRank(b)).map(([name, value]) => [name, num(value.toFixed(4), 'value'), METRIC_MEANINGS[name] || '']) });
    const training = model.training;
    table(card, {
      id: 'model-provenance', headers: ['field', 'value'],
      rows: [
        ['feature set', `${model.featureSetVersion} (${model.featureNames.length} features)`],
        ['trained', model.createdAt || 'not trained (recency rule)'],
        ['loaded by the scorer', model.loadedAt],
        ...(training ? [['training data sha256', training.dataSha256], ['training source', training.source], ['cutoff date', training.cutoffDate], ['population', String(training.population)], ['churn rate in training', pct(training.churnRate)]] : []),
      ],
    });
    card.append(el('p', { class: 'muted', text: `From the churn scorer at ${live.address} (GetModelInfo), as of ${live.fetchedAt.slice(0, 19).replace('T', ' ')} UTC.` }));
  }

  async function health(page, { api }) {
    const report = await api('/api/pipeline/health');
    const card = chartCard(page, {
      id: 'health', title: `Consumer lag and dead letters per topic (${report.source})`, type: 'bar', labels: report.topics.map((t) => t.topic),
      datasets: [{ label: 'consumer lag', values: report.topics.map((t) => t.consumerLag ?? 0) }, { label: 'dead letters', values: report.topics.map((t) => t.deadLetters), color: '#c92a2a' }],
    });
    table(card, { id: 'health', headers: ['topic', 'consumer lag', 'dead letters', 'recorded'], rows: report.topics.map((t) => [t.topic, num(t.consumerLag ?? 'unknown', 'lag'), num(t.deadLetters, 'deadLetters'), num(report.recordedEvents[t.topic] || 0, 'recorded')]) });
    const failures = el('section', { class: 'card', 'data-card': 'send-failures' }, [el('h2', { text: `Send failures: ${report.failedMessages}` })]);
    table(failures, { id: 'send-failures', headers: ['channel', 'reason', 'messages'], rows: report.sendFailures.map((f) => [f.channel, f.reason, num(f.count, 'count')]) });
    page.append(failures);
  }

  async function campaigns(page, { api, filterQuery, args }) {
    if (args.length >= 2) return campaign(page, api, args[0], args[1]);
    const list = await api(`/api/campaigns${filterQuery()}`);
    const card = chartCard(page, { id: 'campaigns', title: 'Campaigns', type: 'bar', wide: true, labels: list.map((c) => `${c.campaignId} v${c.campaignVersion}`), datasets: [{ label: 'sent', values: list.map((c) => c.sent) }, { label: 'converted', values: list.map((c) => c.converted) }] });
    const rows = list.map((c) => [c.campaignId, num(c.campaignVersion, 'version'), c.variants.map((v) => `${v.variant}${v.discountPercent === null ? '' : ` (${v.discountPercent} %)`}`).join(', '), c.segments.join(', '), c.channels.join(', '), num(c.messages, 'messages'), num(c.converted, 'converted'), num(money(c.revenueCents), 'revenue')]);
    const node = table(card, { id: 'campaigns', headers: ['campaign', 'version', 'variants', 'segments', 'channels', 'messages', 'converted', 'revenue'], rows });
    node.querySelectorAll('tbody tr').forEach((tr, i) => {
      const link = el('a', { href: `#/campaigns/${encodeURIComponent(list[i].campaignId)}/${list[i].campaignVersion}`, text: list[i].campaignId });
      tr.firstChild.replaceChildren(link);
    });
  }

  async function campaign(page, api, id, version) {
    const detail = await api(`/api/campaigns/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`);
    const breakdown = detail.funnel.breakdown || [];
    const card = chartCard(page, { id: 'campaign-funnel', title: `${detail.campaignId} v${detail.campaignVersion}: funnel per variant`, type: 'bar', labels: breakdown.map((b) => b.key), datasets: ['sent', 'opened', 'clicked', 'converted'].map((step) => ({ label: step, values: breakdown.map((b) => b.counts[step]) })) });
    card.append(el('p', { class: 'muted', text: `Segments ${detail.segments.join(', ')} · channels ${detail.channels.join(', ')} · locales ${detail.locales.join(', ')} · ${detail.firstMessageAt.slice(0, 10)} to ${detail.lastMessageAt.slice(0, 10)}` }));
    if (detail.definitionUrl) card.append(el('a', { href: detail.definitionUrl, target: '_blank', text: 'full definition in the orchestrator' }));
    const reasons = el('section', { class: 'card', 'data-card': 'reasons' }, [el('h2', { text: 'Why these customers (latest decisions)' })]);
    table(reasons, { id: 'reasons', headers: ['customer', 'when', 'reason'], rows: detail.recentReasons.map((r) => [r.customerId, r.requestedAt.slice(0, 16).replace('T', ' '), r.reason]) });
    page.append(reasons);
  }

  async function customers(page, { api, args }) {
    const search = el('form', { class: 'card wide' }, [el('label', { text: 'Customer id ' }, [el('input', { name: 'customerId', value: args[0] || '', required: '' })]), el('button', { type: 'submit', text: 'Show' })]);
    search.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = `#/customers/${encodeURIComponent(new FormData(search).get('customerId'))}`;
    });
    page.append(search);
    if (!args[0]) return;
    const view = await api(`/api/customers/${encodeURIComponent(args[0])}`);
    chartCard(page, { id: 'customer-scores', title: `Churn scores of ${view.customerId}`, type: 'line', labels: view.scores.map((s) => s.occurredAt.slice(0, 10)), datasets: [{ label: 'score', values: view.scores.map((s) => +s.score.toFixed(3)) }] });
    const segments = el('section', { class: 'card', 'data-card': 'segment-history' }, [el('h2', { text: 'Segment history' })]);
    table(segments, { id: 'segment-history', headers: ['from', 'segment'], rows: view.segmentHistory.map((s) => [s.at.slice(0, 10), s.segment]) });
    page.append(segments);
    const messages = el('section', { class: 'card wide', 'data-card': 'customer-messages' }, [el('h2', { text: 'Messages sent, and why' })]);
    table(messages, { id: 'customer-messages', headers: ['when', 'campaign', 'variant', 'channel', 'stage', 'revenue', 'reason'], rows: view.messages.map((m) => [m.requestedAt.slice(0, 16).replace('T', ' '), `${m.campaignId} v${m.campaignVersion}`, m.variant, m.channel, m.stage || 'requested', num(money(m.revenueCents), 'revenue'), m.reason || '']) });
    page.append(messages);
    const decisions = el('section', { class: 'card wide', 'data-card': 'customer-decisions' }, [el('h2', { text: 'Every decision: sent, held out, skipped, and why' })]);
    table(decisions, {
      id: 'customer-decisions', headers: ['when', 'action', 'campaign', 'variant', 'channel', 'discount', 'reason'],
      rows: view.decisions.map((d) => [d.decidedAt.slice(0, 16).replace('T', ' '), { text: d.action, key: 'action' }, d.campaignId ? `${d.campaignId} v${d.campaignVersion}` : '—', d.variant || '—', d.channel || '—', d.discountPercent === null ? '—' : `${d.discountPercent} %`, { text: d.reason, key: 'reason' }]),
    });
    page.append(decisions);
    const events = el('section', { class: 'card wide', 'data-card': 'customer-events' }, [el('h2', { text: `Events (${view.events.length}, newest first)` })]);
    table(events, { id: 'customer-events', headers: ['when', 'type', 'stage', 'detail'], rows: view.events.map((e) => [e.occurredAt.slice(0, 16).replace('T', ' '), e.type, e.stage || '', e.detail || '']) });
    page.append(events);
  }

  window.consolePages = { funnel, ab, budget, churn, health, campaigns, customers };
})();
