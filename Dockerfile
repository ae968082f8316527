# CollabCanvas as a container: a straight translation of the README's run command
# (no Docker engine runs on the development machines, so this file is not built in CI).
#   docker build -t collabcanvas .
#   docker run -p 8080:8080 -v collabcanvas-data:/app/data collabcanvas
# An inference worker (see the README's "Inference service") is the second target:
#   docker build --target worker -t collabcanvas-worker .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CollabCanvas.Web -c Release -o /app
RUN dotnet publish src/CollabCanvas.Inference -c Release -o /worker

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS worker
WORKDIR /app
COPY --from=build /worker ./
COPY models/ ./models/
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Console__FormatterName=json
EXPOSE 8080
ENTRYPOINT ["dotnet", "CollabCanvas.Inference.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY models/ ./models/
# The content root is the working directory: appsettings.json, wwwroot/, models/ and data/ sit under /app.
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Console__FormatterName=json
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "CollabCanvas.Web.dll"]
