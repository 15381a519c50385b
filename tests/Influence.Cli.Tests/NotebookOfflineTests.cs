using System.Diagnostics;
using Influence.Tests.Shared;
using static Influence.Cli.Tests.CliRunner;

namespace Influence.Cli.Tests;

/// <summary>
/// cypher/influence.ipynb without a Neo4j server: every cell runs (Debian's python3-nbclient and a python3 kernel) over
/// the files of <c>influence export-neo4j</c> and <c>influence analyze</c>, and fails the test if any cell fails.
/// </summary>
public class NotebookOfflineTests
{
    private const string Runner = """
import json, os, sys
import nbformat
from nbclient import NotebookClient
notebook, cypher_dir, export_dir, results_dir = sys.argv[1:5]
# The kernel inherits these: no server is tried, the files are read.
os.environ.update(INFLUENCE_OFFLINE="1", INFLUENCE_EXPORT_DIR=export_dir, INFLUENCE_RESULTS_DIR=results_dir)
nb = nbformat.read(notebook, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": cypher_dir}}).execute()
cells = []
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    text, images = [], 0
    for out in cell.outputs:
        if out.output_type == "stream":
            text.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            text.append(out.get("data", {}).get("text/plain", ""))
            images += "image/png" in out.get("data", {})
    cells.append({"text": "".join(text), "images": images})
print(json.dumps(cells))
""";

    [SkippableFact]
    public void Every_cell_runs_over_the_exported_files_when_no_server_is_at_hand()
    {
        Skip.IfNot(TestPaths.PythonHas("import nbclient, nbformat, ipykernel, pandas, matplotlib"),
            "Notebook run skipped: needs /usr/bin/python3 with nbclient, ipykernel, pandas and matplotlib " +
            "(apt-get install python3-nbclient python3-ipykernel python3-pandas python3-matplotlib).");
        string world = DemoWorld(accounts: 300, seed: 8);
        string export = Path.Combine(world, "export"), results = Path.Combine(world, "results");
        string[] files = WorldFiles(world);
        Ok(["export-neo4j", .. files, "--out", export]);
        Ok(["analyze", .. files, "--out", results]);

        string cypher = Path.Combine(TestPaths.RepoRoot, "cypher");
        string json = TestPaths.RunPython(Runner + "\n", stdin: null, timeoutMs: 600_000, arguments:
            [Path.Combine(cypher, "influence.ipynb"), cypher, export, results]);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var cells = doc.RootElement.EnumerateArray().ToArray();
        string all = string.Join("\n", cells.Select(c => c.GetProperty("text").GetString()));
        Assert.Contains("INFLUENCE_OFFLINE=1: reading files", all);
        Assert.Contains("export-neo4j CSV: 300 accounts", all);
        Assert.Contains("300 analysed accounts", all);
        Assert.Contains("Spearman rank correlation followers ~ influence:", all);
        Assert.Contains(cells, c => c.GetProperty("images").GetInt32() > 0); // the followers vs influence scatter
    }
}
