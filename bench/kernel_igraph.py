#!/usr/bin/python3
"""python-igraph side of the kernel benchmark (bench/Influence.Bench `kernel`).

Usage: /usr/bin/python3 bench/kernel_igraph.py EDGE_LIST [--leiden-iterations N] [--skip STAGE,...] [--pagerank-out PATH]
Runs the same stages as the C# kernel on the same SNAP edge list and prints one JSON object:
wall and CPU seconds per stage, peak RSS (bytes) and a few result figures to cross-check with ours.
Stages: load (Graph.Read_Edgelist + simplify, i.e. collapse parallel arcs and drop loops like our builder),
pagerank (PRPACK, unweighted, damping 0.85), reciprocity (default mode), leiden (undirected projection,
weight = number of arcs between the pair, like our Weighted projection, then community_leiden with the
modularity objective), wcc (weak components).
--pagerank-out PATH writes PRPACK's scores as little-endian float64 indexed by the numeric id in the file
(NaN for ids that do not occur), so the C# side can measure its L1 distance to PRPACK.
"""
import json
import resource
import sys
import time

import igraph as ig


def main():
    path = sys.argv[1]
    leiden_iterations = -1
    skip = set()
    pagerank_out = None
    args = sys.argv[2:]
    for i, a in enumerate(args):
        if a == "--leiden-iterations":
            leiden_iterations = int(args[i + 1])
        if a == "--skip":
            skip = set(args[i + 1].split(","))
        if a == "--pagerank-out":
            pagerank_out = args[i + 1]
    out = {"igraph_version": ig.__version__, "leiden_iterations": leiden_iterations}

    t, c = time.perf_counter(), time.process_time()
    g = ig.Graph.Read_Edgelist(path, directed=True)
    id_count = g.vcount()
    g.vs["file_id"] = range(id_count)
    g.simplify(multiple=True, loops=True)
    # Read_Edgelist creates every id up to the largest; drop ids that never occur, as our loader never sees them.
    g.delete_vertices(g.vs.select(_degree=0))
    out["load_s"] = time.perf_counter() - t
    out["load_cpu_s"] = time.process_time() - c
    out["nodes"] = g.vcount()
    out["edges"] = g.ecount()

    if "pagerank" not in skip:
        t, c = time.perf_counter(), time.process_time()
        pr = g.pagerank(damping=0.85, implementation="prpack")
        out["pagerank_s"] = time.perf_counter() - t
        out["pagerank_cpu_s"] = time.process_time() - c
        out["pagerank_max"] = max(pr)
        if pagerank_out:
            import array
            by_id = array.array("d", [float("nan")]) * id_count
            for file_id, score in zip(g.vs["file_id"], pr):
                by_id[file_id] = score
            with open(pagerank_out, "wb") as f:
                by_id.tofile(f)

    if "reciprocity" not in skip:
        t, c = time.perf_counter(), time.process_time()
        out["reciprocity"] = g.reciprocity(ignore_loops=True, mode="default")
        out["reciprocity_s"] = time.perf_counter() - t
        out["reciprocity_cpu_s"] = time.process_time() - c

    if "leiden" not in skip:
        t, c = time.perf_counter(), time.process_time()
        g.es["weight"] = 1.0
        und = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
        part = und.community_leiden(objective_function="modularity", weights="weight", n_iterations=leiden_iterations)
        out["leiden_s"] = time.perf_counter() - t
        out["leiden_cpu_s"] = time.process_time() - c
        out["leiden_modularity"] = und.modularity(part.membership, weights="weight")
        out["leiden_communities"] = len(part)
        del und

    if "wcc" not in skip:
        t, c = time.perf_counter(), time.process_time()
        comps = g.connected_components(mode="weak")
        out["wcc_s"] = time.perf_counter() - t
        out["wcc_cpu_s"] = time.process_time() - c
        out["wcc_count"] = len(comps)

    out["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
