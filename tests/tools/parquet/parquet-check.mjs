// Independent Parquet implementation for the tests (hyparquet / hyparquet-writer, pure JavaScript):
//   node parquet-check.mjs read FILE          prints {"columns":[{name,type,converted,logical,optional}],"rowGroups":[rows…],"rows":[{…}]} as JSON
//   node parquet-check.mjs write SPEC OUT     writes OUT from SPEC: {"rowGroupSize":N,"columns":[{"name","type","data"}]}
//     optional in SPEC: "codec" (UNCOMPRESSED, SNAPPY — the default —, GZIP, BROTLI), "pageSize" (bytes per data page), and per
//     column "encoding" (e.g. PLAIN, RLE_DICTIONARY, DELTA_BINARY_PACKED; default: the writer's choice, dictionary where it pays)
// Types in SPEC: STRING, INT32, INT64 (values as decimal strings), DOUBLE, TIMESTAMP_MILLIS / TIMESTAMP_MICROS (Unix ms / µs as
// decimal strings). null in data is a null value. Read output: INT64 values as decimal strings, timestamps as ISO-8601.
import { readFileSync, writeFileSync } from 'node:fs'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { ByteWriter, parquetWrite } from 'hyparquet-writer'

const [mode, file, out] = process.argv.slice(2)

if (mode === 'read') {
  const bytes = readFileSync(file)
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const metadata = parquetMetadata(buffer)
  const columns = metadata.schema.slice(1).map(s => ({
    name: s.name,
    type: s.type,
    converted: s.converted_type ?? null,
    logical: s.logical_type?.type ?? null,
    optional: s.repetition_type === 'OPTIONAL',
  }))
  const rows = await parquetReadObjects({ file: buffer })
  const json = JSON.stringify({ columns, rowGroups: metadata.row_groups.map(g => Number(g.num_rows)), rows },
    (_, v) => typeof v === 'bigint' ? v.toString() : v)
  process.stdout.write(json)
} else if (mode === 'write') {
  const spec = JSON.parse(readFileSync(file, 'utf8'))
  const schema = [{ name: 'root', num_children: spec.columns.length }]
  const columnData = spec.columns.map(c => {
    const element = { name: c.name, repetition_type: 'OPTIONAL' }
    let data = c.data
    switch (c.type) {
      case 'STRING': Object.assign(element, { type: 'BYTE_ARRAY', converted_type: 'UTF8' }); break
      case 'INT32': Object.assign(element, { type: 'INT32' }); data = data.map(v => v === null ? null : Number(v)); break
      case 'DOUBLE': Object.assign(element, { type: 'DOUBLE' }); break
      case 'INT64': Object.assign(element, { type: 'INT64' }); data = data.map(v => v === null ? null : BigInt(v)); break
      case 'TIMESTAMP_MILLIS':
      case 'TIMESTAMP_MICROS': {
        const unit = c.type === 'TIMESTAMP_MILLIS' ? 'MILLIS' : 'MICROS'
        Object.assign(element, { type: 'INT64', converted_type: c.type, logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit } })
        data = data.map(v => v === null ? null : BigInt(v))
        break
      }
      default: throw new Error(`unknown type ${c.type}`)
    }
    schema.push(element)
    return c.encoding ? { name: c.name, data, encoding: c.encoding } : { name: c.name, data }
  })
  const writer = new ByteWriter()
  // Compressors from node's zlib for the codecs hyparquet-writer does not bundle.
  const compressors = { GZIP: bytes => new Uint8Array(gzipSync(bytes)), BROTLI: bytes => new Uint8Array(brotliCompressSync(bytes)) }
  parquetWrite({ writer, columnData, schema, rowGroupSize: spec.rowGroupSize ?? 100000, codec: spec.codec ?? 'SNAPPY', compressors,
    ...(spec.pageSize ? { pageSize: spec.pageSize } : {}) })
  writeFileSync(out, new Uint8Array(writer.getBuffer()))
} else {
  process.stderr.write('usage: node parquet-check.mjs read FILE | write SPEC OUT\n')
  process.exit(2)
}
