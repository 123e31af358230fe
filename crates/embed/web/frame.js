// The /embed page: the configurator with the options of the address, its events posted to the
// framing page (see /embedding).
import init, { mountFrame } from "./configurator_embed.js";

const lang = new URLSearchParams(location.search).get("lang");
if (lang) document.documentElement.lang = lang;
document.body.style.margin = "0";
await init({ module_or_path: new URL("./configurator_embed_bg.wasm", import.meta.url) });
mountFrame();
