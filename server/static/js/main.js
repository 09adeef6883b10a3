// zhibiao's task pane: shows the one-time download links that the 生成简报 script hands back.
// The script calls book.macro("zhibiaoOfferDownloads")(json), which xlwings runs here as a callback.

function openLink(event) {
  const link = event.currentTarget;
  if (link.dataset.used) {
    event.preventDefault();
    return;
  }
  const url = new URL(link.getAttribute("href"), window.location.href).href;
  // Excel desktop: open in the default browser, which saves the file; Excel on the web: a new tab
  if (
    Office.context.ui.openBrowserWindow &&
    Office.context.requirements.isSetSupported("OpenBrowserWindowApi", "1.1")
  ) {
    event.preventDefault();
    Office.context.ui.openBrowserWindow(url);
  }
  link.dataset.used = "1";
  link.classList.add("text-muted");
  link.after(document.createTextNode("（已下载，链接已失效）"));
}

async function zhibiaoOfferDownloads(context, payload) {
  const data = JSON.parse(payload);
  const box = document.querySelector("#zb-downloads");
  const list = box.querySelector("ul");
  list.replaceChildren();
  for (const file of data.files) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = file.url;
    link.textContent = file.name;
    link.target = "_blank";
    link.rel = "noopener";
    link.addEventListener("click", openLink);
    item.append(link);
    list.append(item);
  }
  box.querySelector(".zb-note").textContent =
    `每个链接只能下载一次，${data.minutes} 分钟内有效。`;
  box.classList.remove("d-none");
}

globalThis.xlwings.registerCallback(zhibiaoOfferDownloads);
