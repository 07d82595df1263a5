// Prepared answers (responses/*.md) in a task's form: a text field or area whose form says
// "properties": {"preparedAnswers": "true"} gets a choice of the ticket's prepared answers, filled for
// the ticket; the chosen one goes into the field, where the agent edits it before sending the form.
// Fields a form shows only for some choices (the work form's resolution notes) appear and disappear as
// the agent chooses, so the choice is put into each such field whenever form-js draws it.

/**
 * Offers prepared answers in the form's fields that ask for them.
 *
 * @param load returns a promise of the answers ({id, title, text}), asked for once and only when the
 *     form has such a field
 */
export function preparedAnswers(form, container, schema, load, { h, tr }) {
  const fields = components => (components || []).flatMap(c => [c, ...fields(c.components)]);
  const offered = fields(schema.components).filter(field => field.properties
    && field.properties.preparedAnswers === 'true' && ['textarea', 'textfield'].includes(field.type) && field.key);
  if (!offered.length) return;
  load().then(answers => {
    if (!answers.length) return;
    const place = () => {
      for (const field of offered) {
        const input = container.querySelector(`textarea[id$="-${CSS.escape(field.id)}"], input[id$="-${CSS.escape(field.id)}"]`);
        if (!input || input.previousElementSibling?.classList.contains('prepared')) continue;
        // Named without the field's label, which stays the text's own (a label naming both would be
        // found for either); the choice sits in the field's box, right above its text.
        const select = h('select', { class: 'prepared', 'aria-label': tr('Prepared answer') },
          h('option', { value: '' }, tr('Insert a prepared answer…')),
          ...answers.map(answer => h('option', { value: answer.id }, answer.title)));
        select.addEventListener('change', () => {
          const answer = answers.find(a => a.id === select.value);
          select.value = '';
          if (!answer) return;
          // Added to what is there already, as in the comment box; form-js's own way in for a value
          // (see stars.js), so the form sends what the field shows.
          const current = input.value.trim() ? `${input.value.trimEnd()}\n\n` : '';
          form._update({ fieldInstance: { id: field.id, valuePath: field.key.split('.'), indexes: {},
            expressionContextInfo: {} }, value: current + answer.text });
          input.focus();
        });
        // Inside the field's own box, before the text: it goes when form-js hides the field.
        input.before(select);
      }
    };
    place();
    new MutationObserver(place).observe(container, { childList: true, subtree: true });
  }).catch(() => {});
}
