# Influence service image: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime.
#   docker build -t influence .
#   docker compose up            (with Neo4j 5.26, see docker-compose.yml and docs/neo4j.md)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Influence.Core/Influence.Core.csproj src/Influence.Core/
COPY src/Influence.Storage/Influence.Storage.csproj src/Influence.Storage/
COPY src/Influence.Storage.Sqlite/Influence.Storage.Sqlite.csproj src/Influence.Storage.Sqlite/
COPY src/Influence.Storage.Neo4j/Influence.Storage.Neo4j.csproj src/Influence.Storage.Neo4j/
COPY src/Influence.Api/Influence.Api.csproj src/Influence.Api/
RUN dotnet restore src/Influence.Api/Influence.Api.csproj
COPY src/ src/
# The Neo4j store embeds the Cypher files of cypher/ (one statement per file).
COPY cypher/ cypher/
RUN dotnet publish src/Influence.Api/Influence.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the HEALTHCHECK below (the runtime image ships neither curl nor wget).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown app:app /data
WORKDIR /app
COPY --from=build /app .
# Listen on 8080 in the container (appsettings.json says localhost:5080 for local runs); keep the
# embedded store and the generated API key in the /data volume.
ENV Urls=http://+:8080 \
    Influence__DataDirectory=/data \
    DOTNET_gcServer=0
USER app
VOLUME /data
EXPOSE 8080
# Ready = the store (SQLite file or Neo4j) answers; 503 otherwise.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD curl --fail --silent --show-error http://localhost:8080/health/ready > /dev/null || exit 1
ENTRYPOINT ["dotnet", "Influence.Api.dll"]
