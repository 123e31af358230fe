// The Embedding page's live example: the configurator in both modes, and the events they send.
import { mount } from "/embed/embed.js";

// The snippets name this server.
for (const code of document.querySelectorAll("pre code")) {
  code.textContent = code.textContent.replaceAll("https://PLANT", location.origin);
}

const log = document.getElementById("event-log");
/** Shows one event at the top of the log (the last 12 are kept). */
function show(mode, type, detail) {
  const item = document.createElement("li");
  item.textContent = `${mode} · ${type} · ${JSON.stringify(detail)}`;
  log.prepend(item);
  while (log.children.length > 12) log.lastElementChild.remove();
}

const frame = document.getElementById("live-frame");
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.data?.source !== "chui-configurator") return;
  if (event.data.type === "resize") frame.style.height = `${event.data.detail.height}px`;
  else show("frame", event.data.type, event.data.detail);
});
frame.src = frame.dataset.src;

const host = document.getElementById("live-script");
for (const type of ["ready", "change", "quote-requested", "error"]) {
  host.addEventListener(`chui-${type}`, (event) => show("script", type, event.detail));
}
await mount(host, { partner: "autosalon-kg", lang: "en" });
