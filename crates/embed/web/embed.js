// The Chui Auto configurator for partner sites. Load it as a module from the plant's server:
//   <script type="module" src="https://PLANT/embed/embed.js"></script>
//   <div data-chui-partner="autosalon-kg" data-chui-lang="ru"></div>
// Every element with `data-chui-partner` gets a configurator; or call `mount(element, options)`
// yourself (it resolves to a handle with `unmount()` and `set_code(code)`). Documented at
// https://PLANT/embedding.
import init, { mount as mountNow } from "./configurator_embed.js";

/** The plant's server: where this module came from. */
const server = new URL(import.meta.url).origin;
let loaded;

/** Loads the configurator's WebAssembly once for the page. */
function load() {
  loaded ??= init({ module_or_path: new URL("./configurator_embed_bg.wasm", import.meta.url) });
  return loaded;
}

/** Renders the configurator into `element` (its shadow root) with `options`. */
export async function mount(element, options = {}) {
  await load();
  return mountNow(element, { server, ...options });
}

/** The options an element's `data-chui-*` attributes give. */
function optionsOf(element) {
  const options = {};
  for (const name of ["partner", "lang", "market", "code", "mode"]) {
    const value = element.getAttribute(`data-chui-${name}`);
    if (value !== null) options[name] = value;
  }
  const models = element.getAttribute("data-chui-models");
  if (models !== null) options.models = models.split(",").map((m) => m.trim()).filter(Boolean);
  return options;
}

for (const element of document.querySelectorAll("[data-chui-partner]")) {
  // A bad option is also told as a `chui-error` event on the element.
  mount(element, optionsOf(element)).catch((error) => console.warn("chui configurator:", error));
}
