import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(process.argv[4]), height: 800 } });
await page.goto("file://" + process.argv[2] + process.argv[3]);
await page.waitForTimeout(1500);
await page.locator(`corpus-viewer ${process.argv[5]}`).first().scrollIntoViewIfNeeded();
await page.screenshot({ path: "/tmp/probe.png" });
await browser.close();
