// A rating asked as stars: a number field whose form says "properties": {"display": "stars"} (with
// validate.max, 5 when none) is answered with a row of star radio buttons; the number field stays the
// form's own, hidden, and takes the value, so form-js checks and sends it as before. (form._update is
// form-js's own way in for a field's value; form-js-viewer 1.x has no public one.)

/** Puts stars in place of the form's star-rated number fields. */
export function starRatings(form, container, schema, { h, tr }) {
  const fields = components => (components || []).flatMap(c => [c, ...fields(c.components)]);
  for (const field of fields(schema.components)) {
    if (field.type !== 'number' || !field.properties || field.properties.display !== 'stars') continue;
    const input = container.querySelector(`input[id$="-${CSS.escape(field.id)}"]`);
    if (!input) continue;
    const max = Number((field.validate && field.validate.max) || 5);
    const name = `stars-${field.id}`;
    const group = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': field.label || tr('Rating') });
    // The chosen star and those before it are lit.
    const light = value => group.querySelectorAll('label').forEach((label, i) => label.classList.toggle('on', i < value));
    for (let n = 1; n <= max; n++) {
      const radio = h('input', { type: 'radio', name, id: `${name}-${n}`, value: String(n),
        checked: String(input.value) === String(n) });
      radio.addEventListener('change', () => {
        // Straight into the form's data, as form-js's own fields do (a typed number would reach it only
        // after a pause), so a Done clicked at once sends the rating.
        form._update({ fieldInstance: { id: field.id, valuePath: field.key.split('.'), indexes: {},
          expressionContextInfo: {} }, value: n });
        light(n);
      });
      group.append(radio, h('label', { for: `${name}-${n}` }, h('span', { 'aria-hidden': 'true' }, '★'),
        h('span', { class: 'visually-hidden' }, tr('{n} of {max} stars', { n, max }))));
    }
    const box = input.closest('.fjs-input-group') || input;
    box.style.display = 'none';
    box.after(group);
    light(Number(input.value) || 0);
  }
}
