using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using Encoding = Parquet.Meta.Encoding;
using PhysicalType = Parquet.Meta.Type;

namespace Influence.Parquet.Pages;

/// <summary>
/// Decodes one flat column chunk from its bytes straight into a <see cref="ParquetColumn"/>'s arrays: the reading path
/// for follows and interactions. Parquet.Net's typed reader materialises a .NET string per text value and a nullable
/// per number; this keeps a dictionary-encoded text column as its dictionary (each distinct id decoded once per chunk)
/// plus one index per row, and copies numbers as they lie. It takes data pages v1 and v2, PLAIN and dictionary encodings
/// (what Parquet.Net, pyarrow/pandas, DuckDB, Spark and hyparquet write by default) and every codec Parquet.Net
/// decompresses (its decompressors are reused); anything else goes to Parquet.Net's reader (<see cref="Takes"/>).
/// Damage is an <see cref="InvalidDataException"/> saying what is wrong; nothing reads past the chunk.
/// </summary>
internal static class ColumnChunkDecoder
{
    /// <summary>True when this decoder takes the column: flat, a physical type and codec it knows, known encodings only.</summary>
    public static bool Takes(DataField field, ColumnMetaData meta)
    {
        if (field.MaxRepetitionLevel != 0 || field.MaxDefinitionLevel > 1) return false;
        if (meta.Codec is not (CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD
            or CompressionCodec.LZ4_RAW or CompressionCodec.BROTLI)) return false;
        foreach (Encoding e in meta.Encodings)
            if (e is not (Encoding.PLAIN or Encoding.PLAIN_DICTIONARY or Encoding.RLE_DICTIONARY or Encoding.RLE or Encoding.BIT_PACKED)) return false;
        System.Type t = field.ClrType;
        return meta.Type switch
        {
            PhysicalType.BYTE_ARRAY => t == typeof(string) || t == typeof(ReadOnlyMemory<char>),
            PhysicalType.INT64 => t == typeof(long),
            PhysicalType.INT32 => t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort),
            PhysicalType.DOUBLE => t == typeof(double),
            PhysicalType.FLOAT => t == typeof(float),
            _ => false,
        };
    }

    /// <summary>Decodes the <paramref name="rows"/> values of a chunk taken by <see cref="Takes"/> from <paramref name="chunk"/>.</summary>
    public static ParquetColumn Decode(byte[] array, int length, ColumnMetaData meta, int maxDefinitionLevel, int rows)
    {
        ReadOnlySpan<byte> chunk = array.AsSpan(0, length);
        var sink = new ValueSink(meta.Type, rows, chunk.Length);
        var codec = (CompressionMethod)(int)meta.Codec;
        int at = 0, row = 0;
        while (row < rows)
        {
            if (at >= chunk.Length) throw new InvalidDataException($"column chunk ends after {row:N0} of its {rows:N0} rows (truncated file?)");
            var headerReader = new PageHeaderReader(chunk[at..]);
            PageHeader header = headerReader.Read();
            at += headerReader.Position;
            if (header.CompressedSize > chunk.Length - at)
                throw new InvalidDataException($"a page of {header.CompressedSize:N0} bytes runs past the end of its column chunk (truncated file?)");
            int pageStart = at;
            ReadOnlySpan<byte> page = chunk.Slice(at, header.CompressedSize);
            at += header.CompressedSize;
            switch (header.Kind)
            {
                case PageKind.Dictionary:
                    using (Body body = Body.Of(array, pageStart, page.Length, codec, header.UncompressedSize))
                        sink.SetDictionary(body.Bytes, Count(header.ValueCount, int.MaxValue, "dictionary"));
                    break;
                case PageKind.Data:
                    {
                        int values = Count(header.ValueCount, rows - row, "data");
                        using Body body = Body.Of(array, pageStart, page.Length, codec, header.UncompressedSize);
                        ReadOnlySpan<byte> bytes = body.Bytes;
                        int offset = 0;
                        if (maxDefinitionLevel > 0)
                        {
                            if (header.DefinitionLevelEncoding != (int)Encoding.RLE) throw new NotSupportedException("BIT_PACKED definition levels");
                            if (bytes.Length < 4) throw new InvalidDataException("data page too short for its definition levels");
                            int levelBytes = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                            if (levelBytes < 0 || levelBytes > bytes.Length - 4) throw new InvalidDataException("definition levels run past the end of their page");
                            offset = 4 + levelBytes;
                            sink.AddPage(row, values, header.Encoding, true, bytes.Slice(4, levelBytes), bytes[offset..]);
                        }
                        else sink.AddPage(row, values, header.Encoding, false, default, bytes);
                        row += values;
                        break;
                    }
                case PageKind.DataV2:
                    {
                        int values = Count(header.ValueCount, rows - row, "data");
                        int levels = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
                        if (header.RepetitionLevelsLength != 0 || header.DefinitionLevelsLength < 0 || levels > page.Length)
                            throw new InvalidDataException("levels of a v2 data page run past the end of their page");
                        int valuesSize = header.UncompressedSize - levels;
                        using Body body = Body.Of(array, pageStart + levels, page.Length - levels, header.ValuesCompressed ? codec : CompressionMethod.None, valuesSize);
                        // A v2 page of an optional column without nulls may leave its levels out.
                        sink.AddPage(row, values, header.Encoding, maxDefinitionLevel > 0 && levels > 0, page[..levels], body.Bytes);
                        row += values;
                        break;
                    }
                default:
                    break; // index pages carry nothing a reader needs
            }
        }
        return sink.ToColumn();
    }

    private static int Count(int count, int max, string page)
    {
        if (count < 0 || count > max) throw new InvalidDataException($"a {page} page claims {count:N0} values where at most {max:N0} remain in the column chunk");
        return count;
    }

    /// <summary>A page's bytes, decompressed (<see cref="PageCodecs"/>) into a pooled buffer when the codec needs it.</summary>
    private readonly ref struct Body
    {
        private readonly byte[]? _rented;
        public ReadOnlySpan<byte> Bytes { get; }

        private Body(byte[]? rented, ReadOnlySpan<byte> bytes)
        {
            _rented = rented;
            Bytes = bytes;
        }

        public static Body Of(byte[] array, int offset, int count, CompressionMethod codec, int uncompressedSize)
        {
            if (codec == CompressionMethod.None) return new Body(null, array.AsSpan(offset, count));
            if (uncompressedSize < 0) throw new InvalidDataException($"page claims {uncompressedSize} uncompressed bytes");
            byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressedSize, 1));
            try
            {
                PageCodecs.Decompress(codec, new ArraySegment<byte>(array, offset, count), rented.AsSpan(0, uncompressedSize));
                return new Body(rented, rented.AsSpan(0, uncompressedSize));
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }
        }

        public void Dispose()
        {
            if (_rented is not null) ArrayPool<byte>.Shared.Return(_rented);
        }
    }

    /// <summary>Where the values of one chunk go: the arrays of its shape, the dictionary, nulls spread as the levels say.</summary>
    private sealed class ValueSink(PhysicalType type, int rows, int chunkBytes)
    {
        private readonly TextEntries? _texts = type == PhysicalType.BYTE_ARRAY ? new TextEntries(rows, chunkBytes) : null;
        private readonly long[]? _integers = type is PhysicalType.INT64 or PhysicalType.INT32 ? new long[rows] : null;
        private readonly double[]? _reals = type is PhysicalType.DOUBLE or PhysicalType.FLOAT ? new double[rows] : null;
        private bool[]? _nulls;
        private long[] _dictionaryIntegers = [];
        private double[] _dictionaryReals = [];
        private int _dictionaryCount = -1;

        public ParquetColumn ToColumn() =>
            _texts is not null ? ParquetColumn.OfTexts(_texts)
            : _integers is not null ? ParquetColumn.OfIntegers(_integers, _nulls)
            : ParquetColumn.OfReals(_reals!, _nulls);

        public void SetDictionary(ReadOnlySpan<byte> bytes, int count)
        {
            if (_dictionaryCount >= 0) throw new InvalidDataException("column chunk holds a second dictionary page");
            if (_texts is not null)
            {
                _texts.Reserve(count, bytes.Length);
                int at = 0;
                for (int i = 0; i < count; i++) _texts.Add(NextByteArray(bytes, ref at));
            }
            else if (_integers is not null) _dictionaryIntegers = PlainIntegers(bytes, count, new long[count]);
            else _dictionaryReals = PlainReals(bytes, count, new double[count]);
            _dictionaryCount = count;
        }

        /// <summary>Adds the <paramref name="values"/> slots (nulls included) of one data page starting at <paramref name="row"/>.</summary>
        public void AddPage(int row, int values, int encoding, bool hasLevels, ReadOnlySpan<byte> definitionLevels, ReadOnlySpan<byte> data)
        {
            int[] levels = ArrayPool<int>.Shared.Rent(Math.Max(values, 1));
            try
            {
                int present = values;
                if (hasLevels)
                {
                    RleHybrid.Decode(definitionLevels, 1, levels.AsSpan(0, values));
                    present = 0;
                    for (int i = 0; i < values; i++) present += levels[i];
                }
                switch ((Encoding)encoding)
                {
                    case Encoding.PLAIN: AddPlain(row, present, data); break;
                    case Encoding.PLAIN_DICTIONARY or Encoding.RLE_DICTIONARY: AddIndices(row, present, data); break;
                    default: throw new NotSupportedException($"data page encoding {(Encoding)encoding}");
                }
                if (present < values) Spread(row, values, levels);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }

        private void AddPlain(int row, int count, ReadOnlySpan<byte> data)
        {
            if (_texts is not null)
            {
                _texts.Reserve(count, data.Length);
                int at = 0;
                for (int i = 0; i < count; i++) _texts.SetRow(row + i, _texts.AddOrRepeat(NextByteArray(data, ref at)));
            }
            else if (_integers is not null) PlainIntegers(data, count, _integers.AsSpan(row, count));
            else PlainReals(data, count, _reals.AsSpan(row, count));
        }

        private void AddIndices(int row, int count, ReadOnlySpan<byte> data)
        {
            if (_dictionaryCount < 0) throw new InvalidDataException("dictionary-encoded page without a dictionary page");
            if (count == 0) return;
            if (data.IsEmpty) throw new InvalidDataException("dictionary-encoded page without its bit width");
            int[] indices = ArrayPool<int>.Shared.Rent(count);
            try
            {
                Span<int> index = indices.AsSpan(0, count);
                RleHybrid.Decode(data[1..], data[0], index);
                for (int i = 0; i < count; i++)
                {
                    int d = index[i];
                    if ((uint)d >= (uint)_dictionaryCount)
                        throw new InvalidDataException($"dictionary index {d} outside the dictionary of {_dictionaryCount:N0} values");
                    if (_texts is not null) _texts.SetRow(row + i, d);
                    else if (_integers is not null) _integers[row + i] = _dictionaryIntegers[d];
                    else _reals![row + i] = _dictionaryReals[d];
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(indices);
            }
        }

        /// <summary>Moves the page's present values (packed at its start) to their rows, last first, marking the nulls.</summary>
        private void Spread(int row, int values, int[] levels)
        {
            int from = 0;
            for (int i = 0; i < values; i++) from += levels[i];
            _nulls ??= _texts is null ? new bool[rows] : null;
            for (int i = values - 1; i >= 0; i--)
            {
                if (levels[i] != 0)
                {
                    from--;
                    if (_texts is not null) _texts.SetRow(row + i, _texts.EntryOfRow[row + from]);
                    else if (_integers is not null) _integers[row + i] = _integers[row + from];
                    else _reals![row + i] = _reals[row + from];
                }
                else if (_texts is not null) _texts.SetRow(row + i, -1);
                else _nulls![row + i] = true;
            }
        }

        private Span<long> PlainIntegers(ReadOnlySpan<byte> data, int count, Span<long> output)
        {
            if (type == PhysicalType.INT64)
            {
                if ((long)count * 8 > data.Length) throw Short(count, "INT64");
                MemoryMarshal.Cast<byte, long>(data[..(count * 8)]).CopyTo(output);
                if (!BitConverter.IsLittleEndian) for (int i = 0; i < count; i++) output[i] = BinaryPrimitives.ReverseEndianness(output[i]);
            }
            else
            {
                if ((long)count * 4 > data.Length) throw Short(count, "INT32");
                for (int i = 0; i < count; i++) output[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]);
            }
            return output;
        }

        private long[] PlainIntegers(ReadOnlySpan<byte> data, int count, long[] output)
        {
            PlainIntegers(data, count, output.AsSpan());
            return output;
        }

        private double[] PlainReals(ReadOnlySpan<byte> data, int count, double[] output)
        {
            PlainReals(data, count, output.AsSpan());
            return output;
        }

        private void PlainReals(ReadOnlySpan<byte> data, int count, Span<double> output)
        {
            if (type == PhysicalType.DOUBLE)
            {
                if ((long)count * 8 > data.Length) throw Short(count, "DOUBLE");
                for (int i = 0; i < count; i++) output[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]);
            }
            else
            {
                if ((long)count * 4 > data.Length) throw Short(count, "FLOAT");
                for (int i = 0; i < count; i++) output[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
            }
        }

        private static ReadOnlySpan<byte> NextByteArray(ReadOnlySpan<byte> data, ref int at)
        {
            if (data.Length - at < 4) throw new InvalidDataException("a string's length runs past the end of its page");
            int length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            at += 4;
            if (length < 0 || length > data.Length - at) throw new InvalidDataException($"a string of {length:N0} bytes runs past the end of its page");
            ReadOnlySpan<byte> value = data.Slice(at, length);
            at += length;
            return value;
        }

        private static InvalidDataException Short(int count, string what) => new($"page too short for its {count:N0} {what} values");
    }
}
