// The page fits a narrow phone screen and follows the system colour scheme.

import assert from "node:assert/strict";
import { it } from "node:test";
import { describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp();

const PHONE = { width: 360, height: 740 };

async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wide = [];
    const visit = (node) => {
      for (const element of node.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && (box.right > root.clientWidth + 0.5 || box.left < -0.5)) {
          wide.push(`${element.localName}.${element.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
        }
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
}

/** Relative luminance of a computed `rgb(...)` colour, from 0 (black) to 1 (white). */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number);
  const channel = (value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

describeOrigins(["file"], (origin) => {
  it("at 360 px wide nothing overflows sideways, in the list, the results or the reader", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin), { viewport: PHONE });
    try {
      const check = async (where) => {
        const overflow = await horizontalOverflow(page);
        assert.ok(
          overflow.scrollWidth <= overflow.clientWidth && overflow.wide.length === 0,
          `${where} overflows: ${JSON.stringify(overflow)}`,
        );
      };
      await check("the document list");
      await page.keyboard.type("goldstone palestine", { delay: 10 });
      await page.locator("corpus-viewer #results a").first().waitFor();
      await check("the results");
      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      await check("the reader");
      const toolbar = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const bar = root.querySelector(".toolbar").getBoundingClientRect();
        const buttons = Array.from(root.querySelectorAll(".toolbar button"), (button) => button.getBoundingClientRect());
        return { height: bar.height, buttons: buttons.map((box) => Math.round(box.top - bar.top)) };
      });
      assert.ok(toolbar.height < 64, `the reader's toolbar stays one row high: ${JSON.stringify(toolbar)}`);
    } finally {
      await page.close();
    }
  });

  it("the page is dark when the system prefers a dark colour scheme, with a visible focus ring", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const colours = () =>
        page.evaluate(() => {
          const viewer = document.querySelector("corpus-viewer");
          return {
            page: getComputedStyle(document.body).backgroundColor,
            background: getComputedStyle(viewer).backgroundColor,
            text: getComputedStyle(viewer).color,
          };
        });
      await page.emulateMedia({ colorScheme: "light" });
      const light = await colours();
      assert.ok(luminance(light.background) > 0.8 && luminance(light.text) < 0.1, `light: ${JSON.stringify(light)}`);
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await colours();
      assert.ok(luminance(dark.background) < 0.05 && luminance(dark.text) > 0.6, `dark: ${JSON.stringify(dark)}`);
      assert.ok(luminance(dark.page) < 0.05, "the page around the viewer is dark too");

      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      const outline = await page.evaluate(() => {
        const focused = document.querySelector("corpus-viewer").shadowRoot.activeElement;
        const style = getComputedStyle(focused);
        return { id: focused.id, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.equal(outline.id, "query");
      assert.ok(outline.style !== "none" && outline.width >= 2, `the focused search box is outlined: ${JSON.stringify(outline)}`);
    } finally {
      await page.close();
    }
  });
});
