// The configuration item a start form offers: a select with "valuesKey": "configurationItems" (the incident and
// change forms) lists the person's own devices (GET /api/me/devices: their laptop, whichever service they chose) and,
// for the CMDB's readers (agents, service owners, administrators), the CIs the chosen service stands on, asked of
// GET /api/services/{id}/cis whenever the service changes (set into the form's input data, where form-js looks for a
// valuesKey's options). Someone with no devices who does not read the CMDB is not offered the field (the server
// checks whatever is sent, so leaving it out is only kindness). A select with "valuesKey": "myDevices" (the catalog's
// "Return a device") lists the person's own devices only, to everyone. Entered for someone else ("For whom?"), the
// devices offered are that person's (GET /api/people/{id}/devices), as the server checks the requester's.
export const CI_VALUES = 'configurationItems';
export const DEVICE_VALUES = 'myDevices';

function fields(components) {
  return (components || []).flatMap(c => [c, ...fields(c.components)]);
}

function withoutField(components) {
  return (components || []).filter(c => c.valuesKey !== CI_VALUES)
    .map(c => (c.components ? { ...c, components: withoutField(c.components) } : c));
}

/**
 * For one rendering of a form: `schema` is what to import (without a CI field for people who neither read the CMDB
 * nor have devices), `changed(form, data)` sets the service's CIs when the service was changed, and `strip(data)`
 * leaves the choices out of what is sent.
 */
export async function ciChoices(schema, { api, mayRead, person = () => null }) {
  const field = fields(schema.components)
    .find(c => c.type === 'select' && [CI_VALUES, DEVICE_VALUES].includes(c.valuesKey));
  const unchanged = async () => {};
  if (!field) return { schema, changed: unchanged, strip: data => data, data: async data => data };
  const asked = async path => {
    try {
      return await api('GET', path);
    } catch (e) {
      return [];
    }
  };
  const choice = ci => ({ label: `${ci.name} (${ci.key})`, value: ci.key });
  // The devices of whom the ticket is for: the caller's, or those of the person an agent or manager enters it for.
  const devicesOf = async who => (await asked(who ? `/api/people/${encodeURIComponent(who)}/devices` : '/api/me/devices'))
    .map(choice);
  let owner = person();
  let devices = await devicesOf(owner);
  const valuesKey = field.valuesKey;
  const serviceCis = mayRead && valuesKey === CI_VALUES;
  if (valuesKey === CI_VALUES && !mayRead && !devices.length) {
    return { schema: { ...schema, components: withoutField(schema.components) }, changed: unchanged,
      strip: data => data, data: async data => data };
  }
  let service;
  const options = async id => {
    const cis = serviceCis && id ? await asked(`/api/services/${encodeURIComponent(id)}/cis`) : [];
    return [...devices, ...cis.map(choice).filter(ci => !devices.some(d => d.value === ci.value))];
  };
  const data = async typed => {
    service = typed.service;
    const choices = await options(service);
    const kept = { ...typed, [valuesKey]: choices };
    if (kept[field.key] && !choices.some(c => c.value === kept[field.key])) delete kept[field.key];
    return kept;
  };
  return {
    schema,
    data,
    // The options change in the form's state (form-js reads a valuesKey's options from its input data): no re-import,
    // so what the person typed meanwhile and where they are stay as they are.
    async changed(form, typed) {
      if (!serviceCis || typed.service === service) return;
      service = typed.service;
      const choices = await options(service);
      const state = form._getState();
      if (state.data.service !== service) return; // the service changed again while its CIs were asked for
      const next = { ...state.data };
      if (next[field.key] && !choices.some(c => c.value === next[field.key])) next[field.key] = null;
      form._setState({ data: next, initialData: { ...state.initialData, [valuesKey]: choices } });
    },
    /** "For whom?" changed: the options become that person's devices (and the service's CIs, as before). */
    async personChanged(form) {
      const who = person();
      if (who === owner) return;
      owner = who;
      devices = await devicesOf(who);
      if (person() !== who) return; // the person changed again while their devices were asked for
      const choices = await options(service);
      const state = form._getState();
      const next = { ...state.data };
      if (next[field.key] && !choices.some(c => c.value === next[field.key])) next[field.key] = null;
      form._setState({ data: next, initialData: { ...state.initialData, [valuesKey]: choices } });
    },
    strip(sent) {
      const { [valuesKey]: ignored, ...rest } = sent;
      return rest;
    },
  };
}
