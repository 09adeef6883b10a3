// The ribbon's 校验 button ("zhibiao-validate" in manifest.xml) runs the validate script.
async function zhibiaoValidateFromRibbon(event) {
  const auth =
    typeof globalThis.getAuth === "function"
      ? await globalThis.getAuth()
      : { token: "", provider: "" };
  await xlwings.runPython({
    auth: auth.token,
    scriptName: "validate",
    headers: { "Auth-Provider": auth.provider },
  });
  event.completed();
}
Office.actions.associate("zhibiao-validate", zhibiaoValidateFromRibbon);
