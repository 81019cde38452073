# The Kusabi silo image, and the chain administration tool the compose file runs once.
#   docker build -f deploy/Silo.Dockerfile -t kusabi/silo .                        (from the repository root)
#   docker build -f deploy/Silo.Dockerfile --target chain-admin -t kusabi/chain-admin .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Kusabi.Silo.csproj -c Release -o /out/silo -nologo \
 && dotnet publish ChainAdmin/Kusabi.ChainAdmin.csproj -c Release -o /out/chain-admin -nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS chain-admin
WORKDIR /app
COPY --from=build /out/chain-admin .
USER app
ENTRYPOINT ["dotnet", "kusabi-chain.dll"]

# Last, so a plain `docker build` makes the silo.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo
WORKDIR /app
COPY --from=build /out/silo .
ENV ASPNETCORE_HTTP_PORTS=8080
# HTTP API, silo-to-silo, Orleans client gateway.
EXPOSE 8080 11111 30000
USER app
ENTRYPOINT ["dotnet", "Kusabi.Silo.dll"]
