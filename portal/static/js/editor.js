/* The staff editor's small helpers: a word-processor-like body field, paste cleaning, and a
   warning before leaving a form with unsaved changes.

   Without JavaScript every body field stays a plain text area and everything still works: the
   server cleans whatever HTML arrives (it is the guarantee; cleaning a paste here is a courtesy). */
(function () {
  "use strict";

  var BLOCKS = { P: "p", H1: "h2", H2: "h2", H3: "h3", H4: "h4", H5: "h4", H6: "h4",
                 UL: "ul", OL: "ol", LI: "li", BLOCKQUOTE: "blockquote", DIV: "p" };
  var INLINE = { STRONG: "strong", B: "strong", EM: "em", I: "em", A: "a", BR: "br" };
  var DROP = { SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, XML: 1, TEMPLATE: 1,
               IFRAME: 1, OBJECT: 1, EMBED: 1, IMG: 1, SVG: 1, MATH: 1, HEAD: 1 };

  function safeHref(href) {
    href = (href || "").trim();
    return /^(https?:|mailto:|tel:)/i.test(href) ? href : null;
  }

  /* Rebuild pasted HTML from the few elements an article uses, with no attributes but href. */
  function cleanNode(node, out) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        out.appendChild(document.createTextNode(child.textContent.replace(/\u00a0/g, " ")));
        return;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) { return; }
      var tag = child.tagName.toUpperCase().replace(/^O:/, "");
      if (DROP[tag]) { return; }
      var name = BLOCKS[tag] || INLINE[tag];
      if (!name) { cleanNode(child, out); return; }  // span, font, o:p …: keep the text only
      var copy = document.createElement(name);
      if (name === "a") {
        var href = safeHref(child.getAttribute("href"));
        if (!href) { cleanNode(child, out); return; }
        copy.setAttribute("href", href);
      }
      cleanNode(child, copy);
      if (name !== "br" && !copy.textContent.trim() && !copy.querySelector("br")) { return; }
      out.appendChild(copy);
    });
    return out;
  }

  function cleanHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var box = document.createElement("div");
    cleanNode(doc.body, box);
    return box.innerHTML;
  }

  function textToHtml(text) {
    return text.split(/\r?\n\s*\r?\n/).map(function (para) {
      var p = document.createElement("p");
      p.textContent = para.trim();
      return p.textContent ? p.outerHTML.replace(/\r?\n/g, "<br>") : "";
    }).join("");
  }

  function enhance(textarea, template) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    var toolbar = template.cloneNode(true);
    toolbar.removeAttribute("id");
    toolbar.hidden = false;
    var editable = document.createElement("div");
    editable.className = "rte-area";
    editable.contentEditable = "true";
    editable.setAttribute("role", "textbox");
    editable.setAttribute("aria-multiline", "true");
    editable.lang = textarea.lang || "";
    editable.dataset.for = textarea.id;
    if (label) {
      label.id = label.id || textarea.id + "-label";
      editable.setAttribute("aria-labelledby", label.id);
      toolbar.setAttribute("aria-label", label.textContent.trim());
      label.addEventListener("click", function (event) { event.preventDefault(); editable.focus(); });
    }
    ["aria-describedby", "aria-invalid", "aria-required"].forEach(function (attr) {
      if (textarea.hasAttribute(attr)) { editable.setAttribute(attr, textarea.getAttribute(attr)); }
    });
    // The text area holds what was typed (a form that came back): rebuilt from its few allowed
    // elements, never written into the page as it is.
    editable.innerHTML = cleanHtml(textarea.value.trim()) || "<p><br></p>";
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editable, textarea);

    function sync() {
      var html = editable.innerHTML;
      textarea.value = html === "<p><br></p>" || html === "<br>" ? "" : html;
    }
    editable.addEventListener("input", sync);
    editable.addEventListener("blur", sync);

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-command]");
      if (!button) { return; }
      editable.focus();
      var command = button.dataset.command;
      var value = button.dataset.value || null;
      if (command === "formatBlock") { value = "<" + value + ">"; }
      if (command === "createLink") {
        value = safeHref(window.prompt(button.dataset.prompt || "URL", "https://"));
        if (!value || value === "https://") { return; }
      }
      document.execCommand(command, false, value);
      sync();
    });

    editable.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html");
      var cleaned = html ? cleanHtml(html) : textToHtml(data.getData("text/plain"));
      event.preventDefault();
      document.execCommand("insertHTML", false, cleaned);
      sync();
    });
  }

  function warnBeforeLeaving(form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  /* Files are checked before they are sent: too large a request would be refused after the
     whole upload, and a file of another type refused after it. The server checks both again. */
  function checkFiles(form) {
    form.querySelectorAll(".js-file-error").forEach(function (p) { p.remove(); });
    var max = parseInt(form.dataset.maxBytes || "0", 10);
    var total = 0;
    var problems = [];
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      var accept = (input.accept || "").split(",").map(function (s) { return s.trim(); })
        .filter(Boolean);
      Array.prototype.forEach.call(input.files || [], function (file) {
        total += file.size;
        var dot = file.name.lastIndexOf(".");
        var extension = dot < 0 ? "" : file.name.slice(dot).toLowerCase();
        if (accept.length && accept.indexOf(file.type) < 0 && accept.indexOf(extension) < 0) {
          var message = input.dataset.wrongType || form.dataset.wrongType;
          problems.push([input, message.replace("%(name)s", file.name)]);
        }
      });
      if (max && total > max && !problems.some(function (p) { return p[2]; })) {
        problems.push([input, form.dataset.tooLarge, true]);
      }
    });
    problems.forEach(function (problem) {
      var p = document.createElement("p");
      p.className = "error-message js-file-error";
      p.setAttribute("role", "alert");
      p.textContent = problem[1];
      problem[0].parentNode.insertBefore(p, problem[0]);
    });
    if (problems.length) { problems[0][0].focus(); }
    return !problems.length;
  }

  /* What is typed is kept a few seconds after each change (the server keeps it for this person
     and page only, until the item is saved): a closed tab or an ended session loses seconds. */
  function keepWhileTyping(form) {
    var status = form.querySelector(".autosave-status");
    var timer = null;
    var stopped = false;
    function send() {
      timer = null;
      var data = new FormData(form);
      Array.from(data.keys()).forEach(function (name) {
        if (data.getAll(name).some(function (v) { return v instanceof File; })) { data.delete(name); }
      });
      fetch(form.dataset.autosave, { method: "POST", body: data, credentials: "same-origin",
                                     headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (answer) { if (status) { status.textContent = answer.message; } })
        .catch(function () {
          stopped = true;
          if (status) { status.textContent = form.dataset.autosaveFailed; }
        });
    }
    function later() {
      if (stopped) { return; }
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(send, 3000);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () { if (timer) { clearTimeout(timer); } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var template = document.getElementById("rich-text-toolbar");
    if (template) {
      document.execCommand("defaultParagraphSeparator", false, "p");
      document.execCommand("styleWithCSS", false, false);
      document.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
        enhance(textarea, template);
      });
    }
    // An error summary's link to a body field leads to its editable area.
    document.querySelectorAll(".error-summary a[href^='#'], .warning-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        var area = target && target.hidden && document.querySelector('.rte-area[data-for="' + target.id + '"]');
        if (area) { event.preventDefault(); area.focus(); area.scrollIntoView({ block: "center" }); }
      });
    });
    var form = document.getElementById("edit-form");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!checkFiles(form)) { event.preventDefault(); event.stopImmediatePropagation(); }
      });
      warnBeforeLeaving(form);
      if (form.dataset.autosave && window.fetch && window.FormData) { keepWhileTyping(form); }
    }
  });
}());
