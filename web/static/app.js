// Workspace behaviour: page viewer (zoom, rotate, page through), keyboard shortcuts, upload with progress.
(function () {
  const viewer = document.getElementById("viewer");
  if (viewer) {
    const pages = Array.from(viewer.querySelectorAll(".page"));
    let current = 0, zoom = 1, turn = 0;
    const show = () => {
      pages.forEach((p, i) => { p.hidden = i !== current; });
      const svg = pages[current] && pages[current].querySelector("svg");
      if (svg) svg.style.transform = `scale(${zoom}) rotate(${turn}deg)`;
      document.getElementById("page-no").textContent = String(current + 1);
    };
    viewer.addEventListener("click", (event) => {
      const act = event.target.dataset && event.target.dataset.act;
      if (!act) return;
      if (act === "next" && current < pages.length - 1) current += 1;
      if (act === "prev" && current > 0) current -= 1;
      if (act === "zoom-in") zoom = Math.min(zoom * 1.25, 5);
      if (act === "zoom-out") zoom = Math.max(zoom / 1.25, 0.4);
      if (act === "rotate") turn = (turn + 90) % 360;
      show();
    });
  }
  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const click = (id) => { const el = document.getElementById(id); if (el) { event.preventDefault(); el.click(); } };
    if (event.key === "a") click("approve");
    if (event.key === "r") { const reason = document.getElementById("reason"); if (reason) { event.preventDefault(); reason.focus(); } }
    if (event.key === "n") click("next");
  });
  const form = document.getElementById("upload-form");
  if (form) {
    const input = document.getElementById("files"), drop = document.getElementById("drop");
    const list = document.getElementById("file-list"), hint = document.getElementById("translation-hint");
    const describe = () => {
      list.innerHTML = "";
      const names = Array.from(input.files).map((f) => f.name.toLowerCase());
      names.forEach((n) => { const li = document.createElement("li"); li.textContent = n; list.appendChild(li); });
      const foreign = names.some((n) => /(^|[_\-. ])(en|eng|english|de|tr|zh)([_\-. ]|$)/.test(n));
      const translated = names.some((n) => /(transl|перевод|аударма|_ru\.|_kk\.)/.test(n));
      hint.hidden = !(foreign && !translated);
    };
    input.addEventListener("change", describe);
    ["dragover", "dragenter"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (ev) => { ev.preventDefault(); drop.classList.remove("over"); input.files = ev.dataTransfer.files; describe(); });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const progress = document.getElementById("progress"), xhr = new XMLHttpRequest();
      progress.hidden = false;
      xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) progress.value = (100 * e.loaded) / e.total; });
      xhr.addEventListener("load", () => {
        if (xhr.status === 200 && xhr.responseURL.indexOf("/upload") < 0) { window.location = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      });
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });
  }
})();
