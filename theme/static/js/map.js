// Progressive enhancement of the static SVG maps (<figure class="carte" data-carte="…">).
//
// In: each figure's inline SVG, drawn at build time by label_map (points are <a> links around
// circles with an aria-label), and /donnees/carte-departements.json (the same outlines, in
// the SVG's coordinates). Out: a Leaflet map (L.CRS.Simple, no tiles, nothing fetched from
// another host) with zoom and pan, a tooltip on each point, points that stay links, and
// checkboxes to show or hide each level. The SVG stays in the page, hidden, and comes back if
// anything fails; the accessible list next to the map is untouched.
// The script tag may carry data-css="<url of explorer.css>": the controls' styles.

(function () {
  "use strict";
  const script = document.currentScript;
  const figures = Array.from(document.querySelectorAll("figure.carte"));
  if (!figures.length || !("fetch" in window)) return;

  const VENDOR = "/static/vendor/leaflet/";
  const OUTLINES = "/donnees/carte-departements.json";
  const ORDER = ["niveau-5", "niveau-4", "niveau-3", "niveau-2", "niveau-1", "ancien", "lieu"];
  const NAMES = {
    "niveau-5": "5\u00a0@", "niveau-4": "4\u00a0@", "niveau-3": "3\u00a0@",
    "niveau-2": "2\u00a0@", "niveau-1": "1\u00a0@", ancien: "Ancien label", lieu: "Lieux",
  };

  function loadCss(href) {
    if (!href || document.querySelector(`link[href="${href}"]`)) return;
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      if (window.L) return resolve(window.L);
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = () => resolve(window.L);
      tag.onerror = () => reject(new Error(`${src} indisponible`));
      document.head.append(tag);
    });
  }

  // What the static SVG holds: its view, points, focused départements and insets. Every point
  // is an <a class="point">, shown or inside a crowded group's hidden list; where a mark was
  // moved apart from close ones, its circle.ancre is where the place really is.
  function readSvg(svg) {
    const [x, y, w, h] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    const points = Array.from(svg.querySelectorAll("a.point")).map((a) => {
      const mark = a.querySelector("circle.marque");
      const at = a.querySelector("circle.ancre") || mark;
      const kind = Array.from(mark.classList).find((c) => c !== "marque") || "point";
      return {
        href: a.getAttribute("href"),
        label: a.getAttribute("aria-label"),
        x: Number(at.getAttribute("cx")),
        y: Number(at.getAttribute("cy")),
        kind,
        color: getComputedStyle(mark).fill,
      };
    });
    const focus = new Set(Array.from(svg.querySelectorAll(".departements-focus path"))
      .map((p) => p.getAttribute("class").replace("dep-", "")));
    const insets = Array.from(svg.querySelectorAll("rect.encart")).map((r, i) => ({
      x: Number(r.getAttribute("x")), y: Number(r.getAttribute("y")),
      w: Number(r.getAttribute("width")), h: Number(r.getAttribute("height")),
      name: (svg.querySelectorAll(".encarts-noms text")[i] || {}).textContent || "",
    }));
    return { view: { x, y, w, h }, points, focus, insets };
  }

  const ll = (L, x, y) => L.latLng(-y, x); // SVG y points down, latitude up

  // The communes a zoomed static map draws under its points (label_map.svgmap writes each ring
  // as "M x y l dx dy … z"), as Leaflet rings: the same background, nothing fetched.
  function communeRings(L, path) {
    return path.getAttribute("d").split("M").filter(Boolean).map((ring) => {
      const n = ring.match(/-?(?:\d+\.?\d*|\.\d+)/g).map(Number);
      let x = n[0], y = n[1];
      const out = [ll(L, x, y)];
      for (let i = 2; i + 1 < n.length; i += 2) {
        x += n[i]; y += n[i + 1];
        out.push(ll(L, x, y));
      }
      return out;
    });
  }

  function communes(L, map, svg) {
    for (const path of svg.querySelectorAll("g.communes path")) {
      L.polygon(communeRings(L, path), {
        interactive: false, className: "commune", color: "#ffffff", weight: 1.5,
        fillColor: "#eef1f4", fillOpacity: 1,
      }).addTo(map);
    }
    for (const text of svg.querySelectorAll("g.communes-noms text")) {
      const name = document.createElement("span");
      name.textContent = text.textContent;
      L.marker(ll(L, Number(text.getAttribute("x")), Number(text.getAttribute("y"))), {
        interactive: false, keyboard: false,
        icon: L.divIcon({ html: name, className: "commune-nom", iconSize: null, iconAnchor: [0, 0] }),
      }).addTo(map);
    }
  }

  // Place names and action titles come from communes' data: Leaflet puts a string tooltip or
  // popup in with innerHTML, so they are always handed over as an element holding text only.
  function textNode(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // A marker is a 28 px link (WCAG 2.2 target size) around its 14 px dot.
  const SIDE = 28;

  function marker(L, p) {
    const link = document.createElement("a");
    link.href = p.href;
    link.className = `marqueur ${p.kind}`;
    link.setAttribute("aria-label", p.label);
    const dot = document.createElement("span");
    dot.className = "marqueur-point";
    dot.style.backgroundColor = p.color; // the site CSS colour of the static point
    link.append(dot);
    const icon = L.divIcon({ html: link, className: "marqueur-icone", iconSize: [SIDE, SIDE] });
    const m = L.marker(ll(L, p.x, p.y), { icon, keyboard: false, riseOnHover: true });
    m.bindTooltip(textNode(p.label), { direction: "top", offset: [0, -SIDE / 2] });
    link.addEventListener("focus", () => m.openTooltip());
    link.addEventListener("blur", () => m.closeTooltip());
    return m;
  }

  // Points closer than a target's side on screen share one numbered button: seeds are kept
  // SIDE px apart, so no two targets overlap; a click zooms on its points, or lists them when
  // zooming cannot part them (several actions at one place).
  function cluster(L, map, members) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "marqueur-grappe";
    button.textContent = String(members.length);
    button.setAttribute("aria-label", `${members.length} points ici : zoomer ou voir la liste`);
    const icon = L.divIcon({ html: button, className: "marqueur-icone", iconSize: [SIDE, SIDE] });
    const m = L.marker(members[0].at, { icon, keyboard: false });
    button.addEventListener("click", (event) => {
      L.DomEvent.stop(event);
      const bounds = L.latLngBounds(members.map((p) => p.at));
      const target = map.getBoundsZoom(bounds, false, L.point(SIDE * 2, SIDE * 2));
      if (target > map.getZoom() + 0.1 && map.getZoom() < map.getMaxZoom()) {
        map.fitBounds(bounds, { padding: [SIDE * 2, SIDE * 2] });
        return;
      }
      const list = document.createElement("ul");
      list.className = "grappe-liste";
      for (const p of members) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = p.href;
        link.textContent = p.label;
        item.append(link);
        list.append(item);
      }
      m.bindPopup(list).openPopup();
    });
    return m;
  }

  function redraw(L, map, layer, points, shown) {
    layer.clearLayers();
    const seeds = [];
    for (const p of points) {
      if (!shown.has(p.kind)) continue;
      const at = map.latLngToLayerPoint(p.at);
      const seed = seeds.find((s) => Math.abs(s.at.x - at.x) < SIDE && Math.abs(s.at.y - at.y) < SIDE);
      if (seed) seed.members.push(p); else seeds.push({ at, members: [p] });
    }
    for (const seed of seeds) {
      const m = seed.members.length === 1 ? marker(L, seed.members[0]) : cluster(L, map, seed.members);
      m.addTo(layer);
    }
  }

  function levelFilter(counts, shown, update, id) {
    const kinds = ORDER.filter((k) => counts.has(k));
    if (kinds.length < 2) return null;
    const box = document.createElement("fieldset");
    box.className = "carte-filtre";
    const legend = document.createElement("legend");
    legend.textContent = "Afficher sur la carte";
    box.append(legend);
    for (const kind of kinds) {
      const label = document.createElement("label");
      const check = document.createElement("input");
      check.type = "checkbox";
      check.checked = true;
      check.name = `${id}-${kind}`;
      check.value = kind;
      check.addEventListener("change", () => {
        if (check.checked) shown.add(kind); else shown.delete(kind);
        update();
      });
      const swatch = document.createElement("span");
      swatch.className = `pastille ${kind}`;
      swatch.setAttribute("aria-hidden", "true");
      label.append(check, swatch, ` ${NAMES[kind] || kind} (${counts.get(kind)})`);
      box.append(label);
    }
    return box;
  }

  function enhance(L, figure, outlines) {
    const svg = figure.querySelector("svg");
    if (!svg) return;
    const data = readSvg(svg);
    const { x, y, w, h } = data.view;
    const holder = document.createElement("div");
    holder.className = "carte-leaflet";
    holder.style.aspectRatio = `${w} / ${h}`;
    figure.insertBefore(holder, svg);
    const map = L.map(holder, {
      crs: L.CRS.Simple, attributionControl: false, zoomSnap: 0.25, zoomDelta: 0.5,
      scrollWheelZoom: false, minZoom: -4, maxZoom: 6, zoomControl: false,
    });
    // Top right: the insets' names are on the left.
    L.control.zoom({ position: "topright", zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" })
      .addTo(map);
    const bounds = L.latLngBounds(ll(L, x, y + h), ll(L, x + w, y));
    map.fitBounds(bounds, { animate: false });
    map.setMinZoom(map.getZoom() - 0.5);
    map.setMaxBounds(bounds.pad(0.25));

    L.geoJSON(outlines, {
      coordsToLatLng: (c) => ll(L, c[0], c[1]),
      interactive: false,
      style: (f) => ({
        className: data.focus.has(f.properties.code) ? "dep dep-focus" : "dep",
        color: "#ffffff", weight: 0.8, fillOpacity: 1,
        fillColor: data.focus.has(f.properties.code) ? "#c9d3de" : "#e4e7eb",
      }),
    }).addTo(map);
    communes(L, map, svg);
    // The insets' names stay 12 px or more, even where they overflow their boxes on a phone;
    // written at the bottom of their boxes (site.css), where the islands' towns seldom are.
    for (const inset of data.insets) {
      L.rectangle(L.latLngBounds(ll(L, inset.x, inset.y + inset.h),
        ll(L, inset.x + inset.w, inset.y)),
      { interactive: false, fill: false, color: "#b8b8b8", weight: 1 }).addTo(map);
      const name = document.createElement("span");
      name.textContent = inset.name;
      L.marker(ll(L, inset.x + 4, inset.y + inset.h - 3), { // bottom left: capitals lie north
        interactive: false, keyboard: false,
        icon: L.divIcon({ html: name, className: "encart-nom", iconSize: null, iconAnchor: [0, 0] }),
      }).addTo(map);
    }
    const counts = new Map();
    for (const p of data.points) {
      p.at = ll(L, p.x, p.y);
      counts.set(p.kind, (counts.get(p.kind) || 0) + 1);
    }
    const shown = new Set(counts.keys());
    const layer = L.layerGroup().addTo(map);
    const update = () => redraw(L, map, layer, data.points, shown);
    map.on("zoomend", update);
    update();

    const Reset = L.Control.extend({
      onAdd() {
        const bar = L.DomUtil.create("div", "leaflet-bar");
        const button = L.DomUtil.create("button", "carte-recentrer", bar);
        button.type = "button";
        button.textContent = "\u2922"; // ⤢
        button.title = "Vue d’ensemble";
        button.setAttribute("aria-label", "Revenir à la vue d’ensemble");
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.on(button, "click", () => map.fitBounds(bounds));
        return bar;
      },
    });
    new Reset({ position: "topright" }).addTo(map);

    const filter = levelFilter(counts, shown, update, figure.dataset.carte || "carte");
    if (filter) figure.insertBefore(filter, holder);
    svg.classList.add("carte-statique-remplacee");
    svg.style.display = "none"; // even before explorer.css has loaded
    svg.setAttribute("aria-hidden", "true");
    figure.classList.add("carte-interactive");
    figure.dataset.points = String(data.points.length);
  }

  async function start() {
    loadCss(`${VENDOR}leaflet.css?v=1.9.4`);
    loadCss(script && script.dataset.css);
    try {
      const [L, outlines] = await Promise.all([
        loadScript(`${VENDOR}leaflet.js?v=1.9.4`),
        fetch(OUTLINES).then((r) => {
          if (!r.ok) throw new Error(`${OUTLINES} : ${r.status}`);
          return r.json();
        }),
      ]);
      for (const figure of figures) {
        try {
          enhance(L, figure, outlines);
        } catch (error) {
          console.warn("carte non interactive :", error);
        }
      }
    } catch (error) {
      console.warn("carte non interactive :", error); // the static SVG map stays
    }
  }

  // Leaflet, its styles and the outlines weigh far more than a page: they load only when a
  // reader asks for the interactive map. The button sits over the map (absolutely placed), so
  // adding it moves nothing on the page.
  function offer() {
    for (const figure of figures) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "bouton carte-explorer";
      // Short, to fit the corner the static map keeps free of points (label_map.svgmap).
      button.textContent = "Explorer";
      button.setAttribute("aria-label", "Explorer la carte (zoom, filtres)");
      button.title = "Carte interactive : zoom et filtres";
      button.addEventListener("click", () => {
        for (const b of document.querySelectorAll(".carte-explorer")) b.remove();
        start();
      });
      figure.append(button);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", offer);
  } else {
    offer();
  }
})();
