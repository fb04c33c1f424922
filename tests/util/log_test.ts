/** The `-d`/`-D` log: item parsing and the buffered file sink. */
import assert from "node:assert/strict";
import { Log, UsageError } from "../../util/log.ts";

Deno.test("-D output is buffered, written in order on flush and complete after close", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/log.txt`;
    const log = new Log();
    log.enable("int");
    log.openFile(path);
    log.log("int", "first\n");
    log.log("exec", "not enabled\n");
    assert.equal(Deno.readTextFileSync(path), "", "small writes stay in the buffer");
    log.flush();
    assert.equal(Deno.readTextFileSync(path), "first\n");
    const line = "x".repeat(99) + "\n";
    for (let i = 0; i < 2000; i++) log.write(line);
    assert.ok(Deno.statSync(path).size > 6, "a full buffer is written without a flush");
    log.write("last\n");
    log.close();
    assert.equal(Deno.readTextFileSync(path), "first\n" + line.repeat(2000) + "last\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("-d rejects unknown items; -D names a file it cannot open", () => {
  const log = new Log();
  assert.throws(() => log.enable("int,bogus"), UsageError);
  assert.throws(() => log.openFile("/nonexistent/dir/log.txt"), /-D \/nonexistent\/dir\/log\.txt/);
});
